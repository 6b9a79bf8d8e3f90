import { EN_GB_DEFINITIONS } from '../tma/faker-instance.ts';

/**
 * First names and surnames for person-name detection, built once at module load from faker's
 * en_GB (English fallback) name lists (the en_GB locale draws its names from these, so generated test data and the
 * detector agree; real deployments would load a larger census list here).
 */

/**
 * Names that are also everyday capitalised words (months, virtues, colours, days): "May Update" or
 * "Will Python" must not read as a person, so these count as first names only before a surname
 * from the gazetteer ("Grace Abbott").
 */
const AMBIGUOUS_FIRST_NAME_LIST = [
  'April', 'August', 'June', 'May', 'March', 'January', 'Will', 'Mark', 'Bill', 'Grace', 'Hope', 'Faith', 'Joy',
  'Chance', 'Delta', 'River', 'Summer', 'Autumn', 'Dawn', 'Crystal', 'Ruby', 'Pearl', 'Rose', 'Lane', 'King',
  'Bell', 'Baby', 'Angel', 'Brown', 'Green', 'Berry', 'Brook', 'Cash', 'Major', 'General', 'Royal', 'Sky',
  'Unique', 'Precious', 'Destiny', 'Harmony', 'Trinity', 'Justice', 'Liberty', 'Heaven', 'Easter', 'Christmas',
  'Monday', 'Friday', 'Sunday', 'Tuesday', 'Wednesday', 'Thursday', 'Saturday', 'Price', 'Page', 'Young', 'Long',
];

/** Capitalised words that can follow a first name without being a surname. */
export const NOT_SURNAMES = new Set([
  'The', 'This', 'That', 'These', 'Those', 'And', 'But', 'Or', 'If', 'In', 'On', 'At', 'To', 'For', 'Of', 'With',
  'From', 'By', 'As', 'It', 'Its', 'I', 'We', 'You', 'He', 'She', 'They', 'My', 'Our', 'Your', 'His', 'Her',
  'Their', 'A', 'An', 'Is', 'Was', 'Are', 'Were', 'Be', 'Has', 'Have', 'Had', 'Do', 'Does', 'Did', 'Not', 'No',
  'Yes', 'So', 'Then', 'When', 'Where', 'Which', 'Who', 'What', 'Why', 'How', 'All', 'Some', 'Any', 'Each',
  'Question', 'Course', 'Student', 'Unit', 'Block', 'Part', 'Section', 'Chapter', 'Figure', 'Table', 'Activity',
  'University', 'Open', 'TMA', 'Python', 'Internet', 'However', 'Also', 'Thanks', 'Thank', 'Dear', 'Regards',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
]);

export const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame', 'Rev']);

function buildFirstNames(): Set<string> {
  const lists = EN_GB_DEFINITIONS.person?.first_name;
  const names = new Set<string>([...(lists?.generic ?? []), ...(lists?.female ?? []), ...(lists?.male ?? [])]);
  for (const word of AMBIGUOUS_FIRST_NAME_LIST) names.delete(word);
  for (const word of NOT_SURNAMES) names.delete(word);
  return names;
}

function buildSurnames(): Set<string> {
  const names = new Set<string>(EN_GB_DEFINITIONS.person?.last_name?.generic ?? []);
  for (const word of NOT_SURNAMES) names.delete(word);
  return names;
}

export const FIRST_NAMES: ReadonlySet<string> = buildFirstNames();
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(AMBIGUOUS_FIRST_NAME_LIST);
export const SURNAMES: ReadonlySet<string> = buildSurnames();
