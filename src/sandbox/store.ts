/**
 * All the data of one sandbox company, in memory: records by id, id sequences, file contents and
 * the changelog. The store is a plain container; the rules live in entities/*.ts and fields.ts.
 * It converts to and from {@link SandboxData}, the JSON document that `statePath` persists.
 */
import { createHash } from 'node:crypto';
import type { TokenLedger } from './rate-limit.js';
import type {
  ActivityTypeRecord,
  ChangelogEntry,
  Company,
  CustomFieldRecord,
  EntityRecords,
  EntityType,
  FileRecord,
  NoteRecord,
  UserRecord,
} from './records.js';

export type SequenceName = EntityType | 'note' | 'file' | 'field' | 'option' | 'activityType' | 'changelog';

/** The persisted document (`statePath`). */
export interface SandboxData {
  format: 'ferry-pipedrive-sandbox';
  version: 1;
  company: Company;
  users: UserRecord[];
  persons: EntityRecords['person'][];
  organizations: EntityRecords['organization'][];
  deals: EntityRecords['deal'][];
  activities: EntityRecords['activity'][];
  notes: NoteRecord[];
  files: FileRecord[];
  /** File contents, base64, by file id. */
  fileContents: Record<string, string>;
  fields: CustomFieldRecord[];
  activityTypes: ActivityTypeRecord[];
  changelog: ChangelogEntry[];
  sequences: Partial<Record<SequenceName, number>>;
  ledger: TokenLedger;
}

type EntityMaps = { [E in EntityType]: Map<number, EntityRecords[E]> };

function byId<T extends { id: number }>(items: readonly T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export class Store {
  readonly company: Company;
  readonly users: Map<number, UserRecord>;
  readonly entities: EntityMaps;
  readonly notes: Map<number, NoteRecord>;
  readonly files: Map<number, FileRecord>;
  readonly fileContents: Map<number, Buffer>;
  /** Live custom fields by field_code (deleted fields are removed, with their values). */
  readonly fields: Map<string, CustomFieldRecord>;
  readonly activityTypes: Map<number, ActivityTypeRecord>;
  readonly changelog: ChangelogEntry[];
  private readonly sequences: Partial<Record<SequenceName, number>>;

  constructor(data: Omit<SandboxData, 'format' | 'version' | 'ledger'>) {
    this.company = { ...data.company };
    this.users = byId(data.users);
    this.entities = {
      person: byId(data.persons),
      organization: byId(data.organizations),
      deal: byId(data.deals),
      activity: byId(data.activities),
    };
    this.notes = byId(data.notes);
    this.files = byId(data.files);
    this.fileContents = new Map(
      Object.entries(data.fileContents).map(([id, b64]) => [Number(id), Buffer.from(b64, 'base64')]),
    );
    this.fields = new Map(data.fields.map((field) => [field.field_code, field]));
    this.activityTypes = byId(data.activityTypes);
    this.changelog = [...data.changelog];
    this.sequences = { ...data.sequences };
  }

  /** The next id of a sequence. Each entity has its own sequence starting at 1, as on Pipedrive. */
  nextId(name: SequenceName): number {
    const next = (this.sequences[name] ?? 0) + 1;
    this.sequences[name] = next;
    return next;
  }

  records<E extends EntityType>(entity: E): Map<number, EntityRecords[E]> {
    return this.entities[entity];
  }

  /** A record that exists and is not deleted. */
  live<E extends EntityType>(entity: E, id: number): EntityRecords[E] | undefined {
    const record = this.entities[entity].get(id);
    return record && !record.is_deleted ? record : undefined;
  }

  liveRecords<E extends EntityType>(entity: E): EntityRecords[E][] {
    return [...this.entities[entity].values()].filter((record) => !record.is_deleted);
  }

  /** The owner of the API token: the user that API writes are attributed to. */
  me(): UserRecord {
    const user = this.users.get(this.company.owner_user_id);
    if (!user) throw new Error('sandbox state has no owner user');
    return user;
  }

  storeFile(record: FileRecord, content: Buffer): void {
    this.files.set(record.id, record);
    this.fileContents.set(record.id, content);
  }

  /** A deep copy of everything, as persisted. */
  toData(ledger: TokenLedger): SandboxData {
    const fileContents: Record<string, string> = {};
    for (const [id, content] of this.fileContents) fileContents[String(id)] = content.toString('base64');
    return structuredClone({
      format: 'ferry-pipedrive-sandbox',
      version: 1,
      company: this.company,
      users: [...this.users.values()],
      persons: [...this.entities.person.values()],
      organizations: [...this.entities.organization.values()],
      deals: [...this.entities.deal.values()],
      activities: [...this.entities.activity.values()],
      notes: [...this.notes.values()],
      files: [...this.files.values()],
      fileContents,
      fields: [...this.fields.values()],
      activityTypes: [...this.activityTypes.values()],
      changelog: this.changelog,
      sequences: this.sequences,
      ledger,
    });
  }
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
