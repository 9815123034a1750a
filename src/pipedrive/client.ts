/**
 * Ferry's typed Pipedrive client: API v2 for persons, organizations, deals, activities and fields,
 * v1 only where v2 has nothing (notes, files, users, activity types, changelog, recents).
 *
 * Outcomes (see calls.ts): reads return data or throw; writes return `WriteOutcome` — `ok`, or
 * `rejected` / `uncertain` for this record — and throw only run-level AppErrors: a stop (401 / 402 / 403,
 * `stopsTheRun(error)`), or `pipedrive_unavailable` / `pipedrive_rate_limited` after the retries.
 */
import type { Logger } from '../log.js';
import type { WriteOutcome } from './calls.js';
import {
  type EntityResource,
  entityResource,
  type FieldSearch,
  type PersonSearch,
  searchByField,
  searchPersons,
} from './entities.js';
import { type FieldResource, fieldResource, type ReadOnlyFieldResource, readOnlyFieldResource } from './fields.js';
import type { RateGovernor } from './governor-port.js';
import { createTransport, type Exchange, type Transport } from './http.js';
import type { RetryOptions } from './retry-policy.js';
import {
  changelogPages,
  type FileResource,
  fileResource,
  listActivityTypes,
  type NoteResource,
  noteResource,
  type RecentsQuery,
  recentsPages,
  type UserResource,
  userResource,
} from './v1-resources.js';
import type {
  Activity,
  ActivityInput,
  Deal,
  DealInput,
  ItemSearchFieldHit,
  Organization,
  OrganizationInput,
  Person,
  PersonInput,
  PersonSearchHit,
} from './wire-types.js';
import type { ActivityType, ChangelogEntity, ChangelogEntry, RecentItem } from './wire-types-v1.js';

export interface PipedriveClientOptions {
  /** Root URL (`https://{company_domain}.pipedrive.com`, or the sandbox's `PIPEDRIVE_BASE_URL`). */
  baseUrl: string;
  /** The API token; sent only in the `x-api-token` header. */
  token: string;
  /** Shared rate governor; without one, requests are only retried, never paced. */
  governor?: RateGovernor;
  log?: Logger;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Sees every attempt's request and answer, without headers (contract tests). */
  onExchange?: (exchange: Exchange) => void;
}

export interface PipedriveClient {
  persons: EntityResource<PersonInput, Person> & { search(search: PersonSearch): Promise<PersonSearchHit[]> };
  organizations: EntityResource<OrganizationInput, Organization>;
  deals: EntityResource<DealInput, Deal>;
  activities: EntityResource<ActivityInput, Activity>;
  personFields: FieldResource;
  organizationFields: FieldResource;
  dealFields: FieldResource;
  activityFields: ReadOnlyFieldResource;
  notes: NoteResource;
  files: FileResource;
  users: UserResource;
  activityTypes: { list(): Promise<ActivityType[]> };
  /** Records whose (custom) field holds a value exactly: finds what an uncertain create may have made. */
  itemSearch: { field(search: FieldSearch): Promise<ItemSearchFieldHit[]> };
  changelog(entity: ChangelogEntity, id: number): AsyncGenerator<ChangelogEntry[]>;
  recents(query: RecentsQuery): AsyncGenerator<RecentItem[]>;
}

export type { WriteOutcome };

export function createPipedriveClient(options: PipedriveClientOptions): PipedriveClient {
  const transport: Transport = createTransport(options);
  return {
    persons: { ...entityResource(transport, 'persons'), search: (search) => searchPersons(transport, search) },
    organizations: entityResource(transport, 'organizations'),
    deals: entityResource(transport, 'deals'),
    activities: entityResource(transport, 'activities'),
    personFields: fieldResource(transport, 'personFields'),
    organizationFields: fieldResource(transport, 'organizationFields'),
    dealFields: fieldResource(transport, 'dealFields'),
    activityFields: readOnlyFieldResource(transport, 'activityFields'),
    notes: noteResource(transport),
    files: fileResource(transport),
    users: userResource(transport),
    activityTypes: { list: () => listActivityTypes(transport) },
    itemSearch: { field: (search) => searchByField(transport, search) },
    changelog: (entity, id) => changelogPages(transport, entity, id),
    recents: (query) => recentsPages(transport, query),
  };
}
