// Answers to a button or form that names something the group does not have (any more): a stale card, or
// an id from another group's card, which must never be used in this group.
export const missingSv = {
  activity: 'Jag hittar inte den aktiviteten i gruppens handlingsplan. Skriv "plan" för att se den aktuella planen.',
} as const;
