/**
 * The state of a brand-new sandbox company: its users, the default activity types, no records.
 */
import type { ActivityTypeRecord, UserRecord } from './records.js';
import type { SandboxData } from './store.js';
import { toV1DateTime } from './time.js';

export interface SeedUser {
  name: string;
  email: string;
  active?: boolean;
}

export interface SeedOptions {
  users: readonly SeedUser[];
  companyName: string;
  companyDomain: string;
  now: Date;
}

/** Pipedrive user ids are global across companies, hence large; record ids start at 1 per company. */
const FIRST_USER_ID = 13_000_001;
const COMPANY_ID = 9_000_042;

const DEFAULT_ACTIVITY_TYPES: readonly [key: string, name: string][] = [
  ['call', 'Call'],
  ['meeting', 'Meeting'],
  ['task', 'Task'],
  ['deadline', 'Deadline'],
  ['email', 'Email'],
  ['lunch', 'Lunch'],
];

export function seedData(options: SeedOptions): SandboxData {
  const created = toV1DateTime(options.now);
  const seedUsers: readonly SeedUser[] =
    options.users.length > 0
      ? options.users
      : [{ name: 'Sandbox Admin', email: `admin@${options.companyDomain}.example` }];
  const users: UserRecord[] = seedUsers.map((user, index) => ({
    id: FIRST_USER_ID + index,
    name: user.name,
    email: user.email,
    active_flag: user.active ?? true,
    // The first user created the company and owns the API token: an admin, as a migration needs.
    is_admin: index === 0,
    created,
  }));
  const activityTypes: ActivityTypeRecord[] = DEFAULT_ACTIVITY_TYPES.map(([key, name], index) => ({
    id: index + 1,
    name,
    icon_key: key,
    color: null,
    order_nr: index + 1,
    key_string: key,
    active_flag: true,
    is_custom_flag: false,
    add_time: created,
    update_time: created,
  }));
  return {
    format: 'ferry-pipedrive-sandbox',
    version: 1,
    company: {
      id: COMPANY_ID,
      name: options.companyName,
      domain: options.companyDomain,
      owner_user_id: FIRST_USER_ID,
      default_currency: 'EUR',
    },
    users,
    persons: [],
    organizations: [],
    deals: [],
    activities: [],
    notes: [],
    files: [],
    fileContents: {},
    fields: [],
    activityTypes,
    changelog: [],
    sequences: { activityType: activityTypes.length },
    ledger: { day: Math.floor(options.now.getTime() / 86_400_000), tokensSpent: 0 },
  };
}
