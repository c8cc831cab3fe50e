/**
 * The public surface of the package as a text report, read with the TypeScript compiler API from
 * the built declaration files (`dist/*.d.ts`) of every entry point named in package.json
 * `exports`: each export's name and kind, the declared signature of functions and classes (public
 * members only, comments removed) and the declared type of constants.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One entry point of package.json `exports`: the import specifier and its declaration file. */
export interface EntryPoint {
  /** What a user imports, e.g. `l0/semconv`. */
  specifier: string;
  /** The ES module declaration file, relative to the package root, e.g. `dist/semconv.d.ts`. */
  types: string;
}

interface ExportConditions {
  import?: { types?: string };
}

/** The entry points of package.json `exports` that have declarations (not `./package.json`). */
export function entryPoints(root: string): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | ExportConditions>;
  };
  const points: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typeof target === "string" ? undefined : target.import?.types;
    if (types === undefined) continue;
    const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, "")}`;
    points.push({ specifier, types: types.replace(/^\.\//, "") });
  }
  return points;
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** True for a class member that is not part of the public surface (`private`, `#field`). */
function isPrivateMember(member: ts.ClassElement): boolean {
  if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) return true;
  return ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private ? true : false;
}

/** A declaration as the printer writes it, without comments and without private class members. */
function declarationText(node: ts.Declaration, file: ts.SourceFile): string {
  let printed: ts.Node = node;
  if (ts.isClassDeclaration(node)) {
    printed = ts.factory.updateClassDeclaration(
      node,
      node.modifiers,
      node.name,
      node.typeParameters,
      node.heritageClauses,
      node.members.filter((member) => !isPrivateMember(member)),
    );
  }
  return printer.printNode(ts.EmitHint.Unspecified, printed, file).trim();
}

/** The printed text of a type node, or of the checker's type where the node is missing. */
function typeText(node: ts.TypeNode | undefined, type: ts.Type, file: ts.SourceFile, checker: ts.TypeChecker): string {
  // A literal (`"error.type"`, `2`) reads better than the bundler's `typeof NAME$1` alias of it.
  if (node === undefined || type.isLiteral() || type.flags & ts.TypeFlags.BooleanLiteral) {
    return checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  }
  return printer.printNode(ts.EmitHint.Unspecified, node, file);
}

/** The report text of one declaration of an export, or undefined for kinds reported by name only. */
function declarationEntry(declaration: ts.Declaration, checker: ts.TypeChecker): string | undefined {
  const file = declaration.getSourceFile();
  if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
    return declarationText(declaration, file).replace(/^declare /, "");
  }
  if (ts.isVariableDeclaration(declaration)) {
    const list = declaration.parent;
    const keyword = list.flags & ts.NodeFlags.Const ? "const" : list.flags & ts.NodeFlags.Let ? "let" : "var";
    const type = checker.getTypeAtLocation(declaration.name);
    return `${keyword} ${declaration.name.getText(file)}: ${typeText(declaration.type, type, file, checker)}`;
  }
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
    return `type ${declaration.name.text}`;
  }
  if (ts.isEnumDeclaration(declaration)) return `enum ${declaration.name.text}`;
  if (ts.isModuleDeclaration(declaration)) return `namespace ${declaration.name.getText(file)}`;
  return undefined;
}

/** The report entries of one export: one per declaration (an interface merged twice is one entry). */
function exportEntries(exported: ts.Symbol, checker: ts.TypeChecker): string[] {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const entries = new Set<string>();
  for (const declaration of symbol.declarations ?? []) {
    const entry = declarationEntry(declaration, checker) ?? `unknown ${symbol.name}`;
    entries.add(symbol.name === exported.name ? entry : `${entry} (exported as ${exported.name})`);
  }
  if (entries.size === 0) entries.add(`unknown ${exported.name}`);
  return [...entries];
}

/**
 * The report of every entry point, one section each, exports sorted by name. Throws when a
 * declaration file is missing (the package is not built).
 */
export function apiReport(root: string): string {
  const points = entryPoints(root);
  const files = points.map((point) => join(root, point.types));
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const sections: string[] = [];
  points.forEach((point, index) => {
    const source = program.getSourceFile(files[index] as string);
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`${point.types} has no exports`);
    const exports = [...checker.getExportsOfModule(module)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const lines = [`# ${point.specifier} (${point.types})`, ""];
    for (const exported of exports) lines.push(...exportEntries(exported, checker));
    sections.push(lines.join("\n"));
  });
  return `${sections.join("\n\n")}\n`;
}
