/** A failed got request as this package's error, with the advice worded for the settings' audience. */
import type { RequestError } from "got";
import { networkAdvice, statusAdvice } from "./advice";
import { MaiAgentApiError, MaiAgentNetworkError } from "./errors";
import type { ProxyRoute } from "./proxy";
import { unreached } from "./retry-policy";
import type { Attempt } from "./retry-policy";
import type { Settings } from "./settings";

/** `where` is the path and query; the full URL is shown when the server was never reached (then the host matters). */
export function toMaiAgentError(method: string, where: string, error: RequestError, settings: Settings, proxy: ProxyRoute | undefined): Error {
  const { audience, baseUrl } = settings;
  if (error.response) {
    const hint = statusAdvice(error.response.statusCode, audience, { hasId: hasId(where), baseUrl });
    return new MaiAgentApiError(method, where, error.response.statusCode, parseJson(String(error.response.body ?? "")), hint);
  }
  const timeout = error.name === "TimeoutError" ? `no response within the request timeout (${error.message})` : error.message;
  const reason = proxy ? `${timeout}; sent through the proxy ${proxy.label}: check it, or exempt the host with NO_PROXY` : timeout;
  const neverReached = unreached(error);
  return new MaiAgentNetworkError(method, where, error.code ?? error.name, reason, {
    where: neverReached ? new URL(baseUrl).origin + where : where, // origin: never a user:password in the URL
    attempts: (error.options?.context as Attempt | undefined)?.failed,
    unreached: neverReached,
    advice: networkAdvice(audience),
  });
}

export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Request paths name objects by UUID (organizations/<id>/members/<id>/); list and account paths have none. */
function hasId(path: string): boolean {
  return /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//i.test(path);
}
