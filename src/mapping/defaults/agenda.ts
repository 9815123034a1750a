/**
 * Default decisions for appointments (→ activities), notes (→ notes) and documents (→ files).
 * Activities take no custom fields through the API (reference §2.9): details go to the activity's note.
 */
import type { KeyDecision, TemplateFactory } from './types.js';
import { RECORD_KEY_WHY } from './types.js';

/** DentAdmin appointment types → Pipedrive activity type keys; blocked slots are tasks, the rest meetings. */
const ACTIVITY_TYPES = { Blokkering: 'task', Blocage: 'task' };
const ATTENDED = ['Aanwezig', 'Présent'];

const patientPerson = (to: string): KeyDecision => ({
  to,
  transform: { name: 'ref', args: { entity: 'patients' } },
  why: 'the patient’s person',
});

export const appointmentsTemplate: TemplateFactory = () => ({
  target: 'activity',
  groups: [
    {
      keys: ['type', 'reason'],
      to: 'activity.subject',
      transform: () => ({ name: 'concat', args: { separator: ' – ' } }),
      why: 'the subject says what the appointment is: its type and reason',
    },
    {
      keys: ['start', 'status'],
      required: ['start', 'status'],
      to: 'activity.done',
      transform: () => ({ name: 'appointment_done', args: { done: ATTENDED } }),
      why: 'attended or past appointments are done, so history does not show as overdue',
    },
    {
      keys: ['recurrence', 'start'],
      required: ['recurrence', 'start'],
      to: 'activity.recurrence',
      transform: () => ({ name: 'rrule_occurrences', args: { horizonDays: 365 } }),
      why: 'a series becomes one activity per occurrence, up to a year ahead',
    },
    {
      keys: ['chair', 'status', 'sms_sent'],
      to: 'activity.note',
      transform: (present) => ({ name: 'labelled_lines', args: { labels: present.map((p) => p.header) } }),
      why: 'chair, status and reminder have no activity field (activities take no custom fields)',
    },
  ],
  keys: {
    appointment_id: { to: null, why: RECORD_KEY_WHY },
    patient_id: patientPerson('activity.participants'),
    start: {
      to: ['activity.due_date', 'activity.due_time'],
      transform: { name: 'brussels_to_utc' },
      why: 'Brussels wall time → UTC due date and time, as Pipedrive stores them',
    },
    duration_min: {
      to: 'activity.duration',
      transform: { name: 'duration_hhmm' },
      why: 'minutes → HH:MM',
    },
    provider: {
      to: 'activity.owner_id',
      transform: { name: 'provider_owner' },
      why: 'the provider owns the activity; provider code → Pipedrive user by e-mail',
    },
    type: {
      to: 'activity.type',
      transform: { name: 'map_values', args: { values: ACTIVITY_TYPES, default: 'meeting' } },
      why: 'appointments are meetings, blocked slots are tasks',
    },
    series_id: { to: null, why: 'series key: the occurrences come from the recurrence rule' },
    created_by: { to: null, why: 'Pipedrive records who created the activity itself' },
    created_at: { to: null, why: 'activities have no settable creation time in the API' },
  },
});

export const notesTemplate: TemplateFactory = () => ({
  target: 'note',
  groups: [],
  keys: {
    note_id: { to: null, why: RECORD_KEY_WHY },
    patient_id: patientPerson('note.person_id'),
    date: { to: 'note.add_time', transform: { name: 'timestamp' }, why: 'notes keep their original date' },
    author: {
      to: 'note.user_id',
      transform: { name: 'provider_owner' },
      why: 'the author becomes the note’s user; provider code → Pipedrive user by e-mail',
    },
    text: {
      to: 'note.content',
      transform: { name: 'rich_text_to_plain' },
      why: 'RTF and HTML bodies become plain text',
    },
    type: { to: null, why: 'Pipedrive notes have no type; the text carries the content' },
    tooth: { to: null, why: 'Pipedrive notes have no tooth field; clinical notes name the tooth in their text' },
    confidential: {
      to: null,
      why: 'Pipedrive notes have no confidentiality flag: review whether confidential notes should migrate at all',
    },
  },
});

export const documentsTemplate: TemplateFactory = () => ({
  target: 'file',
  groups: [
    {
      keys: ['relative_path', 'file_name'],
      required: ['file_name'],
      to: 'file.file',
      transform: () => ({ name: 'file_path' }),
      why: 'folder and file name locate the document in the upload',
    },
  ],
  keys: {
    document_id: { to: null, why: RECORD_KEY_WHY },
    patient_id: patientPerson('file.person_id'),
    date: { to: null, why: 'Pipedrive files have no settable date' },
    type: { to: null, why: 'Pipedrive files have no type; the file name says what it is' },
    mime: { to: null, why: 'Pipedrive reads the type from the uploaded file' },
    size_bytes: { to: null, why: 'the engine checks the size against the limit before uploading' },
    sha256: { to: null, why: 'the engine checks the upload against this hash; not stored in Pipedrive' },
    source: { to: null, why: 'the imaging device is of no use in the CRM' },
    description: { to: null, why: 'Pipedrive files take no description on upload' },
  },
});
