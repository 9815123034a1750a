/**
 * The sentences ingest itself writes into defects (the record validator writes the others). Each says what
 * is wrong and what happens or what to do, in words a practice manager uses. Templates with `%s` are filled
 * in by Postgres `format()` for the checks that run in SQL.
 */

const MB = 1024 * 1024;

export function raggedRowMessage(file: string, line: number, cells: number, headers: number): string {
  return (
    `${file} line ${line}: this row has ${cells} values where the header has ${headers}, probably an unquoted ; ` +
    'or line break in a text field. The row is kept but not migrated until it is fixed in DentAdmin and exported again.'
  );
}

export function undecodableMessage(encoding: string): string {
  return (
    `Holds characters that could not be read as ${encoding} (shown as \uFFFD): the text is damaged. ` +
    'Check how the export was saved, then export again.'
  );
}

export function documentMissingMessage(path: string): string {
  return `The file ${path} is not in the upload's documents folder: only its name can be migrated. Add the file and upload again.`;
}

export function documentOutsideMessage(path: string): string {
  return `The path ${path} points outside the documents folder, so the file was not looked for. Correct the path in DentAdmin.`;
}

export function documentTooLargeMessage(path: string, bytes: number, limitBytes: number): string {
  return (
    `The file ${path} is ${(bytes / MB).toFixed(1)} MB, over the ${(limitBytes / MB).toFixed(0)} MB limit: ` +
    'it will not be uploaded to Pipedrive, only its name is kept.'
  );
}

/** `%s`: the patient id the record points at. */
export const ORPHAN_PATIENT_TEMPLATE =
  'Points at patient %s, who is not in the patients file: this record cannot be linked to anyone. Check whether the patient was deleted.';

/** `%s`: the family head's patient id. */
export const ORPHAN_FAMILY_HEAD_TEMPLATE =
  'Names patient %s as family head, who is not in the patients file: the family link cannot be made.';

/** `%s`: the care plan id. */
export const ORPHAN_PLAN_TEMPLATE =
  'Belongs to care plan %s, which is not in the care plans file: this line cannot be linked to a plan.';

/** `%s`, `%s`: the first record with the same INSZ and its line. */
export const DUPLICATE_INSZ_TEMPLATE =
  'Same INSZ as patient %s (line %s): probably the same person entered twice. Merge them in DentAdmin, or confirm they are different people.';

/** `%s`, `%s`: the first record with the same name and birth date and its line. */
export const DUPLICATE_NAME_BIRTH_TEMPLATE =
  'Same name and birth date as patient %s (line %s): possibly the same person entered twice. Merge them in DentAdmin, or confirm they are different people.';

export function providerUnknownMessage(codes: readonly string[]): string {
  const named = codes.length === 1 ? `user code ${codes[0]}, which is` : `user codes ${codes.join(', ')}, which are`;
  return `Names ${named} not in the users file: the record will be assigned to a placeholder user. Add the user, or correct the code.`;
}
