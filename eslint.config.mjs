// ESLint flat config: typescript-eslint's type-aware rules for src/ and test/ (the TypeScript
// project of tsconfig.json), ESLint's recommended rules for the JavaScript of examples/, bench/ and
// scripts/. `npm run lint` runs it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Unused names: a leading `_` marks one kept on purpose (a parameter, a drained loop variable). */
const UNUSED = {
  args: "after-used",
  argsIgnorePattern: "^_",
  varsIgnorePattern: "^_",
  caughtErrors: "none",
  // `const { type: _type, ...rest } = chunk`: the rest is what is kept.
  ignoreRestSiblings: true,
};

export default defineConfig(
  {
    ignores: [
      "dist/**",
      "coverage/**",
      // Verbatim code blocks of the spec documents (`// @ts-nocheck`, checked against the documents).
      "test/spec/examples/**",
      // Vendored semantic-convention model.
      "test/semconv/model/**",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `let x; x = await l0({ onEvent: () => x?.abort() })`: a callback may run before the
      // assignment, where a `const` would be in its temporal dead zone.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "no-unused-vars": ["error", UNUSED],
    },
  },
  {
    files: ["**/*.ts", "**/*.mts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", UNUSED],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Rejecting with, or rethrowing, a reason of unknown type (an abort reason, a caught error)
      // passes it on unchanged; a literal non-Error is still reported.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true, allowThrowingUnknown: true }],
      "no-restricted-syntax": ["error", { selector: "ExportAllDeclaration", message: "Export names explicitly (no `export *`)." }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read parsed JSON and YAML (probe lines, Sentry envelopes, OTLP exports, the semconv
      // model) and check its shape with assertions; typing every document would only restate them.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-base-to-string": "off",
      // Test doubles implement promise-returning interfaces (SDK mocks, async generators as
      // streams) with async functions that need no `await`.
      "@typescript-eslint/require-await": "off",
      // Tests throw and reject with non-Error values on purpose, to check how l0 handles them.
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/prefer-promise-reject-errors": "off",
    },
  },
  {
    // runtime/ imports nothing from telemetry/: the composition root (src/l0.ts) joins them.
    // test/architecture/import-graph.test.ts checks the whole folder graph for cycles.
    files: ["src/runtime/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/telemetry/*"], message: "runtime/ must not import telemetry/ (see src/l0.ts)." }] },
      ],
    },
  },
);
