import type { Catalog } from '../sv.js';

export const missingEn: Catalog['missing'] = {
  activity: 'I cannot find that activity in the group’s action plan. Write "plan" to see the current plan.',
};
