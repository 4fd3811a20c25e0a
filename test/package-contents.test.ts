/** What `npm pack` ships, read from the packed copy global-setup installed (.tmp/project): its files, its
 * package.json, its declarations (documented, and free of third-party types) and its source maps. */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT } from "./helpers/host";
import { loadDist } from "./helpers/native";

const INSTALLED = path.join(PROJECT, "node_modules/pulumi-maiagent");
const REPOSITORY = "https://github.com/maiagent-community/pulumi-maiagent";
const manifest = JSON.parse(fs.readFileSync(path.join(INSTALLED, "package.json"), "utf8"));

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}
const shipped = filesUnder(INSTALLED);

test("the tarball holds the compiled provider, README, LICENSE, CHANGELOG and package.json, and nothing of the repository else", () => {
  expect(shipped.filter((f) => !f.startsWith("dist/provider/")).sort()).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "package.json"]);
  for (const entry of ["index", "runtime", "api/client", "roster/index", "cli/main"]) {
    expect(shipped).toEqual(expect.arrayContaining([`dist/provider/${entry}.js`, `dist/provider/${entry}.d.ts`]));
  }
});

test("package.json names the repository, homepage, issue tracker and an Apache-2.0 licence the LICENSE file matches", () => {
  expect(manifest).toMatchObject({
    license: "Apache-2.0",
    repository: { type: "git", url: `git+${REPOSITORY}.git` },
    homepage: `${REPOSITORY}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
  });
  const license = fs.readFileSync(path.join(INSTALLED, "LICENSE"), "utf8");
  expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  expect(license).toContain("END OF TERMS AND CONDITIONS");
});

test("the CHANGELOG states the versioning policy: a new replace, a changed output or a dropped input is breaking", () => {
  const changelog = fs.readFileSync(path.join(INSTALLED, "CHANGELOG.md"), "utf8");
  for (const rule of ["replace", "output", "input"]) expect(changelog).toMatch(new RegExp(`breaking[^\\n]*\\n(?:.*\\n)*?.*${rule}`, "i"));
  expect(changelog).toContain(`## ${manifest.version}`);
});

test("no script runs when a user installs the package (prepare is for the repository only)", () => {
  const installTime = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "postprepare"];
  expect(Object.keys(manifest.scripts ?? {}).filter((s) => installTime.includes(s))).toEqual([]);
  expect(manifest.scripts?.prepare).toBe("npm run build"); // runs in a clone (npm ci) and for git installs, never from the registry
});

test("every source map shipped carries the sources it points to", () => {
  const maps = shipped.filter((f) => f.endsWith(".map"));
  const incomplete = maps.filter((f) => {
    const map = JSON.parse(fs.readFileSync(path.join(INSTALLED, f), "utf8"));
    return !Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length || map.sourcesContent.some((s: unknown) => typeof s !== "string");
  });
  expect(incomplete).toEqual([]);
});

test("each subpath has types under every resolution: exports (node16, nodenext, bundler) and typesVersions (node)", () => {
  for (const [subpath, target] of Object.entries(manifest.exports as Record<string, { types?: string }>)) {
    if (subpath === "./package.json") continue;
    expect(shipped).toContain(path.normalize(target.types!));
    if (subpath === ".") continue;
    expect(manifest.typesVersions["*"][subpath.slice(2)]).toEqual([target.types]);
  }
});

/** The .d.ts files a consumer's compiler loads from the package's entry points, following relative imports. */
function declarationGraph(): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const text = fs.readFileSync(file, "utf8");
    files.set(file, text);
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
      const target = path.resolve(path.dirname(file), spec);
      visit(fs.existsSync(`${target}.d.ts`) ? `${target}.d.ts` : path.join(target, "index.d.ts"));
    }
  };
  for (const target of Object.values(manifest.exports as Record<string, { types?: string }>)) if (target.types) visit(path.join(INSTALLED, target.types));
  return files;
}

test("the public declarations import no third-party types but @pulumi/pulumi's (zod and got stay internal)", () => {
  const graph = declarationGraph();
  expect(graph.size).toBeGreaterThan(10);
  const imports = [...graph].flatMap(([file, text]) =>
    [...text.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/(?:from|import)\s*\(?\s*"([^".][^"]*)"/g)].map((m) => `${path.relative(INSTALLED, file)}: ${m[1]}`),
  );
  expect(imports.filter((i) => !/: (@pulumi\/pulumi|node:[a-z]+)$/.test(i))).toEqual([]);
});

test("every public symbol of the declarations has a TSDoc comment (scripts/tsdoc-coverage.ts)", () => {
  const { tsdocCoverage } = loadDist<typeof import("../scripts/tsdoc-coverage")>("scripts/tsdoc-coverage.js");
  const coverage = tsdocCoverage(INSTALLED);
  expect(coverage.total).toBeGreaterThan(150);
  expect(coverage.missing).toEqual([]);
});
