/** Organization writes that must survive an uncertain API: ambiguous creates, and clearing a logo. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError, type MaiAgentApiError } from "../../api/errors";
import { outcomeUnknown } from "../../api/http";
import { camelizeKeys, type OrganizationBody, type OrganizationRecord } from "../../api/schemas";
import { outputsOf } from "./organization-outputs";
import { backoff, isStatus, trackedFailure } from "../resource-kit";

const MAX_CREATE_ATTEMPTS = 6;
const LOGOS = ["compactLogo", "fullLogo"] as const;

/** Creates exactly one organization even when a POST fails ambiguously (timeout, reset, 5xx after the write). */
export async function createOnce(api: MaiAgentClient, body: OrganizationBody, inputs: Record<string, unknown>): Promise<OrganizationRecord> {
  const sameName = async () => (await api.listAllOrganizations()).filter((org) => org.name === body.name);
  const existedBefore = new Set((await sameName()).map((org) => org.id));
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createOrganization(body);
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const created = (await sameName()).find((org) => !existedBefore.has(org.id));
      if (created) return readBack(api, created, inputs);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/** Found in the list after an ambiguous POST: it exists, so a failed read-back must still leave it tracked. */
async function readBack(api: MaiAgentClient, listed: OrganizationRecord, inputs: Record<string, unknown>): Promise<OrganizationRecord> {
  try {
    return await api.getOrganization(listed.id);
  } catch (error) {
    const failure = new MaiAgentError(
      `Created organization "${listed.name}" (${listed.id}), but reading it back failed: ${(error as Error).message} ` +
        "It is tracked by this stack; run `pulumi up` again to complete it (no second organization is created).",
    );
    throw trackedFailure(failure, listed.id, outputsOf(listed), inputs);
  }
}

/** PUT; a server whose logo fields refuse null (DRF URLField without allow_null) is asked again with "". */
export async function putOrganization(api: MaiAgentClient, id: string, body: OrganizationBody): Promise<OrganizationRecord> {
  try {
    return await api.updateOrganization(id, body);
  } catch (error) {
    if (!isStatus(error, 400)) throw error;
    const fields = (camelizeKeys((error as MaiAgentApiError).body) ?? {}) as Record<string, unknown>;
    const refused = LOGOS.filter((key) => body[key] === null && /null/i.test(JSON.stringify(fields[key] ?? "")));
    if (refused.length === 0) throw error;
    return api.updateOrganization(id, { ...body, ...Object.fromEntries(refused.map((key) => [key, ""])) });
  }
}
