/** How a list of names reads in a preview. The engine displays a dynamic provider's change by comparing stored
 * inputs (outputs on refresh) itself, arrays by index: one email inserted near the start of a sorted list
 * prints a line for every later position. A multi-line string is displayed as a line diff instead (one `+` or
 * `-` line per changed line, two lines of context; pkg/backend/display/object_diff.go printLineDiff). So each
 * list resource also stores its list as text, one item per line, and hides the by-index arrays (`hideDiffs`,
 * Pulumi 3.200+; older engines ignore it and show both). */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown, UNKNOWN } from "./resource-kit";

export interface ListView {
  /** The sorted list input, e.g. "emails". */
  list: string;
  /** The text input and output holding the same list, one item per line, e.g. "emailLines". */
  lines: string;
  /** Inputs and outputs whose diffs the display should not print by index. */
  hidden: string[];
}

/** Every item followed by "\n": even one item is multi-line text (a line diff, not a character diff), and the
 * display's attempt to decode the text as JSON or YAML (decodeValue) never yields a list or map. */
export function linesOf(items: readonly string[]): string {
  return items.map((item) => `${item}\n`).join("");
}

/** `inputs` (as check or read returns them) with the text view of their list added; unknown while the list is. */
export function withLines(inputs: Record<string, unknown>, view: ListView): Record<string, unknown> {
  const list = inputs[view.list];
  if (!Array.isArray(list) && !isUnknown(list)) return inputs;
  return { ...inputs, [view.lines]: isUnknown(list) ? UNKNOWN : linesOf(list as string[]) };
}

/** The resource options with the view's by-index lists added to the user's own `hideDiffs`. */
export function hidingLists(opts: pulumi.CustomResourceOptions | undefined, view: ListView): pulumi.CustomResourceOptions {
  const hidden = [...new Set([...(opts?.hideDiffs ?? []), ...view.hidden])];
  return { ...opts, hideDiffs: hidden };
}
