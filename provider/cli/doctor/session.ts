/** One doctor run: settings, the read-only HTTP, and the answers checks share (each request is sent once). */
import * as http from "node:http";
import * as https from "node:https";
import { proxyFor } from "../../api/proxy";
import { pageSizeAfter } from "../../api/scan";
import type { Exchange, Limits, SafeMethod } from "./http";
import { ReadOnlyHttp } from "./http";
import { asPage, record, type Json } from "./shapes";
import type { TlsFacts } from "./connect";

export interface DoctorSettings {
  apiKey: string;
  baseUrl: string;
  /** Where the base URL came from: MAIAGENT_BASE_URL or the default. */
  baseUrlSource: string;
}
export interface Identity {
  id: string | null;
  name: string | null;
  email: string | null;
}
type Found<T> = Promise<{ value: T; exchanges: Exchange[] }>;

export class Session {
  settings?: DoctorSettings;
  via = "direct";
  tls: TlsFacts | null = null;
  identity: Identity | null = null;
  httpClient?: ReadOnlyHttp;
  /** The organization's id once it has been read. */
  probedOrganization?: string;
  private agents?: { http: http.Agent; https: https.Agent };
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly cwd: string,
    readonly orgId: string | undefined,
    private readonly limits: Partial<Limits> = {},
  ) {}

  /** Called by env.settings once the key and base URL are known. */
  open(settings: DoctorSettings): void {
    this.settings = settings;
    const route = proxyFor(settings.baseUrl, this.env);
    if (route) this.via = `proxy ${route.label}`;
    this.agents = route?.agent ?? { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    this.httpClient = new ReadOnlyHttp({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, agents: this.agents, limits: this.limits });
  }

  close(): void {
    this.agents?.http.destroy();
    this.agents?.https.destroy();
  }

  fetch(method: SafeMethod, target: string, options: { query?: Record<string, string>; accept?: string } = {}): Promise<Exchange> {
    return this.once(`${method} ${target} ${JSON.stringify(options)}`, () => this.httpClient!.request(method, target, options));
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as Promise<T>;
  }

  /** `organizations/?pageSize=1000`: how the API treats a page size above its maximum. */
  oversizePage(): Promise<Exchange> {
    return this.fetch("GET", "organizations/", { query: { pageSize: "1000" } });
  }

  /** The page size list probes ask for: lowered after a 400 naming it, as the provider's scan does. */
  listSize(): Found<number | undefined> {
    return this.once("listSize", async () => {
      const exchange = await this.oversizePage();
      const size = exchange.status === 400 ? pageSizeAfter(400, exchange.body, 1000) : 1000;
      return { value: size === false ? undefined : size, exchanges: [exchange] };
    });
  }

  /** The organization probed: `--org`, else the first listed. */
  organizationId(): Found<string | undefined> {
    return this.once("organizationId", async () => {
      if (this.orgId) return { value: this.orgId, exchanges: [] };
      const list = await this.fetch("GET", "organizations/", { query: { pageSize: "1" } });
      const first = asPage(list.body)?.results[0];
      return { value: first && typeof first.id === "string" ? first.id : undefined, exchanges: [list] };
    });
  }

  /** Its detail answer (with the Allow header), when it is readable. */
  organization(): Found<{ detail: Exchange; body: Json } | undefined> {
    return this.once("organization", async () => {
      const { value: id, exchanges } = await this.organizationId();
      if (!id) return { value: undefined, exchanges };
      const detail = await this.fetch("GET", `organizations/${encodeURIComponent(id)}/`);
      const body = record(detail.body);
      if (detail.status === 200 && body) this.probedOrganization = id;
      return { value: detail.status === 200 && body ? { detail, body } : undefined, exchanges: [...exchanges, detail] };
    });
  }

  /** One page of the probed organization's members (whatever the status). */
  members(): Found<{ orgId: string; page: Exchange; rows: Json[] } | undefined> {
    return this.once("members", async () => {
      // Not waiting for the organization's detail: at 2 s a round trip, every one saved counts.
      const [org, size] = await Promise.all([this.organizationId(), this.listSize()]);
      if (!org.value) return { value: undefined, exchanges: org.exchanges };
      const orgId = org.value;
      const query: Record<string, string> = size.value === undefined ? {} : { pageSize: String(size.value) };
      const page = await this.fetch("GET", `organizations/${orgId}/members/`, { query });
      const rows = asPage(page.body)?.results ?? [];
      return { value: { orgId, page, rows }, exchanges: [...org.exchanges, page] };
    });
  }

  /** drf-spectacular's live OpenAPI document, or undefined (401/403/404: not published to this key). */
  schema(): Found<Json | undefined> {
    return this.once("schema", async () => {
      const exchange = await this.fetch("GET", "schema/", { query: { format: "json" }, accept: "application/json" });
      const doc = record(exchange.body);
      return { value: exchange.status === 200 && doc && record(doc.paths) ? doc : undefined, exchanges: [exchange] };
    });
  }
}
