/**
 * Type-checks the spec examples with the TypeScript compiler API and prints the diagnostics as JSON
 * (`node --import tsx typecheck-examples.ts user|strict`).
 *
 * - `user`: the settings of a typical application (ES2022 modules, bundler resolution,
 *   `esModuleInterop`, `skipLibCheck`, `strict: false`): the spec's code must compile as written.
 * - `strict`: the project's own strict settings, to list what a strict app would be told.
 *
 * The examples open with `// @ts-nocheck` so that the project's strict `tsc` skips them; this
 * program reads them without that line (same line numbers).
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import ts from "typescript";
import { ROOT } from "../helpers/package-root.js";
import { EXAMPLES_DIR } from "./run-example.js";

/** One compiler diagnostic in an example (or in a file it imports). */
export interface ExampleDiagnostic {
  file: string;
  line: number;
  code: number;
  message: string;
}

const COMMON: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  esModuleInterop: true,
  skipLibCheck: true,
  resolveJsonModule: true,
  noEmit: true,
};

/** Compiler options of each mode. */
const MODES: Record<"user" | "strict", ts.CompilerOptions> = {
  user: { ...COMMON, strict: false },
  strict: {
    ...COMMON,
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
  },
};

/** Diagnostics of every example under `options`. */
function typecheckExamples(options: ts.CompilerOptions): ExampleDiagnostic[] {
  const files = readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(EXAMPLES_DIR, file));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = readFile(fileName);
    if (text === undefined || !fileName.startsWith(EXAMPLES_DIR)) return text;
    return text.replace(/^\/\/ @ts-nocheck\b/, "// (checked here)");
  };
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram({ rootNames: files, options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const position =
      diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    return {
      file: diagnostic.file ? basename(diagnostic.file.fileName) : "",
      line: position ? position.line + 1 : 0,
      code: diagnostic.code,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    };
  });
}

const mode = process.argv[2];
if (mode === "user" || mode === "strict") console.log(JSON.stringify(typecheckExamples(MODES[mode])));
