/** A stack of a real project on the test engine against a fresh emulator: what the story tests share. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../emulator/server";
import { TestEngine } from "../engine/test-engine";

export interface Stack {
  emulator: Emulator;
  engine: TestEngine;
  stop(): Promise<void>;
}

export async function startStack(root: string, config: Record<string, string> = {}): Promise<Stack> {
  const emulator = await Emulator.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-stack-"));
  const engine = new TestEngine({
    root,
    stateFile: path.join(dir, "state.json"),
    config: { "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl(), ...config },
    secretKeys: ["maiagent:apiKey"],
  });
  const stop = async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { emulator, engine, stop };
}

/** Requests from index `from` on that change something (anything but GET). */
export function writesSince(emulator: Emulator, from: number): string[] {
  return emulator.requests.slice(from).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
}

/** The steps that change something, as "op type name". */
export function changes(steps: { op: string; urn: string }[]): string[] {
  return steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").slice(2).join(" ")}`);
}
