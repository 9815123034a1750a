/**
 * How resource modules plug into the server: each declares routes by the spec's path templates
 * (`/persons/{id}`), so the request → operation resolution (and its token cost) comes from the
 * same table the Pipedrive client uses (src/pipedrive/token-costs.ts).
 */
import type { ApiVersion, HttpMethod } from '../../pipedrive/token-costs.js';
import type { Actor } from '../changelog.js';

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON or form body (`{}` when empty); multipart bodies are left in `rawBody`. */
  readonly body: unknown;
  readonly rawBody: Buffer;
  readonly contentType: string;
  /** The API user, for attribution and the changelog. */
  readonly actor: Actor;
}

/** A JSON success envelope, or raw bytes (file downloads). */
export type RouteResult =
  | { kind?: 'json'; status?: number; data: unknown; additionalData?: unknown }
  | { kind: 'raw'; status?: number; body: Buffer; headers: Readonly<Record<string, string>> };

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface Route {
  readonly version: ApiVersion;
  readonly method: HttpMethod;
  /** The spec's template, relative to the version base. */
  readonly path: string;
  readonly handler: RouteHandler;
}

export function routeKey(version: ApiVersion, method: string, path: string): string {
  return `${version} ${method} ${path}`;
}

export class RouteTable {
  private readonly routes = new Map<string, Route>();

  add(routes: readonly Route[]): this {
    for (const route of routes) this.routes.set(routeKey(route.version, route.method, route.path), route);
    return this;
  }

  get(version: ApiVersion, method: string, path: string): Route | undefined {
    return this.routes.get(routeKey(version, method, path));
  }

  all(): Route[] {
    return [...this.routes.values()];
  }
}

/** The JSON envelope of a success result. */
export function envelope(result: { data: unknown; additionalData?: unknown }): Record<string, unknown> {
  return result.additionalData === undefined
    ? { success: true, data: result.data }
    : { success: true, data: result.data, additional_data: result.additionalData };
}
