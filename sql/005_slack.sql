-- The Slack side of a project: its channel and thread, who may do what, and the bookkeeping the bot needs to
-- edit its own messages and to ignore Slack's retried deliveries.

-- A migration project belongs to one channel; its card is the parent message of the project thread.
CREATE TABLE slack_projects (
  project_id      text PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  channel_id      text NOT NULL UNIQUE,
  -- The project card's ts, which is also the thread everything is answered in; null until the card is posted.
  thread_ts       text,
  created_by_user text NOT NULL,
  created_by_team text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Per project: approvers (the practice) approve maps; operators (engineers) start runs and rollbacks.
CREATE TABLE project_roles (
  project_id    text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  slack_user_id text NOT NULL,
  -- The person's home workspace (a Slack Connect channel joins two); null when Slack did not say.
  slack_team_id text,
  role          text NOT NULL CHECK (role IN ('approver', 'operator')),
  -- `slack:<user>@<team>` of whoever granted it (the creator grants themself).
  granted_by    text NOT NULL,
  granted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, slack_user_id)
);

-- Slack redelivers an event it thinks we missed (up to 3 times); each event_id is handled once.
CREATE TABLE slack_events (
  event_id    text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_events_received ON slack_events (received_at);

-- The one progress message of a run, so a run resumed by another worker edits the same message.
CREATE TABLE slack_run_messages (
  run_id     bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  channel_id text NOT NULL,
  ts         text NOT NULL
);

-- The message holding a map version's Approve / Request changes buttons, to retire them when the version is
-- superseded or approved.
CREATE TABLE slack_map_reviews (
  project_id text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  hash       text NOT NULL,
  channel_id text NOT NULL,
  ts         text NOT NULL,
  posted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, version)
);
