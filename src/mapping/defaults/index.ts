/** Ferry's default decisions for every DentAdmin entity, in the practice's language. */
import type { EntityName } from '../../dentadmin/entities.js';
import { appointmentsTemplate, documentsTemplate, notesTemplate } from './agenda.js';
import { carePlanLinesTemplate, carePlansTemplate, treatmentsTemplate } from './care.js';
import { insurersTemplate, patientsTemplate, usersTemplate } from './people.js';
import type { TemplateFactory } from './types.js';

export type {
  ConstantRule,
  EntityTemplate,
  GroupRule,
  KeyDecision,
  KeyRule,
  PresentColumn,
  TemplateFactory,
} from './types.js';

export const TEMPLATES: Readonly<Record<EntityName, TemplateFactory>> = {
  patients: patientsTemplate,
  insurers: insurersTemplate,
  users: usersTemplate,
  treatments: treatmentsTemplate,
  care_plans: carePlansTemplate,
  care_plan_lines: carePlanLinesTemplate,
  appointments: appointmentsTemplate,
  notes: notesTemplate,
  documents: documentsTemplate,
};
