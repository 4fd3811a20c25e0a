/** TSDoc coverage of the public declarations: every symbol a package entry point (package.json `exports`)
 * exports, and each public member of its classes and interfaces, with or without a doc comment.
 * Usage: node dist/scripts/tsdoc-coverage.js [package root] (default: this repository, after `npm run build`). */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export interface Coverage {
  total: number;
  documented: number;
  /** `entry: Name` or `entry: Name.member` for each public symbol without a doc comment. */
  missing: string[];
}

const isPublic = (node: ts.Node) =>
  !(ts.getCombinedModifierFlags(node as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) &&
  !(ts.isPropertyDeclaration(node) && ts.isPrivateIdentifier(node.name));

const hasDoc = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;

/** The `types` file of each subpath in package.json `exports`. */
export function entryPoints(root: string): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports as Record<string, unknown>)) {
    const types = typeof target === "object" && target !== null ? (target as Record<string, string>).types : undefined;
    if (types) entries[subpath] = path.join(root, types);
  }
  return entries;
}

export function tsdocCoverage(root: string): Coverage {
  const entries = entryPoints(root);
  const program = ts.createProgram(Object.values(entries), { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Node>();
  const coverage: Coverage = { total: 0, documented: 0, missing: [] };
  const count = (node: ts.Node, label: string) => {
    if (seen.has(node)) return;
    seen.add(node);
    coverage.total += 1;
    if (hasDoc(node)) coverage.documented += 1;
    else coverage.missing.push(label);
  };
  for (const [subpath, file] of Object.entries(entries)) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file}: not found; run \`npm run build\` first`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        const name = `${subpath}: ${exported.name}`;
        // A variable's comment sits on its statement; a function overload set counts once.
        count(ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration, name);
        if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
          for (const member of declaration.members as ts.NodeArray<ts.Node>) {
            if (!isPublic(member) || ts.isIndexSignatureDeclaration(member)) continue;
            const memberName = ts.isConstructorDeclaration(member) ? "constructor" : ((member as ts.NamedDeclaration).name?.getText() ?? "?");
            count(member, `${name}.${memberName}`);
          }
        }
        if (ts.isFunctionDeclaration(declaration)) break;
      }
    }
  }
  return coverage;
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, "../.."));
  const { total, documented, missing } = tsdocCoverage(root);
  console.log(`TSDoc coverage of the public declarations in ${root}: ${documented} of ${total} symbols documented (${Math.round((100 * documented) / total)} %)`);
  for (const name of missing) console.log(`  undocumented: ${name}`);
}
