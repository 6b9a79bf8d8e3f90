/**
 * Words around a name that say "a person comes next", and the small words inside names. Closed
 * classes of English and of naming customs, not lists of people.
 */

/** Nouns for a person's role or relation: "my colleague Tomasz", "her husband, Ali". */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'colleague', 'colleagues', 'friend', 'tutor', 'manager', 'supervisor', 'mentor', 'husband', 'wife', 'partner',
  'son', 'daughter', 'sister', 'brother', 'mother', 'father', 'mum', 'mom', 'dad', 'neighbour', 'neighbor',
  'classmate', 'buddy', 'boss', 'teacher', 'lecturer', 'student', 'cousin', 'aunt', 'uncle', 'grandmother',
  'grandfather', 'grandson', 'granddaughter', 'nephew', 'niece', 'fiancé', 'fiancée', 'fiance', 'fiancee',
  'boyfriend', 'girlfriend', 'housemate', 'flatmate', 'coworker', 'co-worker', 'employer', 'employee',
  'client', 'patient', 'interviewee', 'participant', 'respondent', 'counsellor', 'councillor', 'landlord',
  'landlady', 'carer', 'doctor', 'nurse', 'director', 'coach', 'trainer', 'assistant', 'examiner', 'invigilator',
]);

/** Greetings and sign-offs followed by a name: "Dear Gwenllian", "Thanks, Oluwaseun". */
export const SALUTATIONS: ReadonlySet<string> = new Set(['Dear', 'Hi', 'Hello', 'Hiya', 'Thanks', 'Cheers', 'Regards', 'Love', 'Dearest']);

/**
 * Last words of a sign-off, compared in lower case, after which a name follows on the same line
 * or the next: "Best wishes, Okafor", "Kind regards,\nOkafor", "Yours sincerely,\nOkafor".
 */
export const SIGN_OFFS: ReadonlySet<string> = new Set(['regards', 'wishes', 'sincerely', 'faithfully', 'thanks', 'cheers', 'best', 'warmly', 'truly', 'love', 'again', 'advance']);

/**
 * Verbs of saying right after a single capitalised word that is not English: its speaker
 * ("Nwachukwu said", "Dariusz explained that …"). Compared in lower case.
 */
export const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'told', 'tells', 'explained', 'explains', 'argued', 'argues', 'asked', 'asks', 'replied', 'replies',
  'wrote', 'writes', 'noted', 'notes', 'added', 'adds', 'suggested', 'suggests', 'agreed', 'agrees', 'confirmed',
  'confirms', 'mentioned', 'mentions', 'recalled', 'recalls', 'stated', 'states', 'claimed', 'claims', 'admitted',
  'admits', 'felt', 'feels', 'believes', 'believed', 'laughed', 'emailed', 'phoned', 'rang', 'texted', 'complained',
  'complains', 'remarked', 'recommended', 'recommends',
  // Not "thinks", "thought", "warned", "insisted": they begin as "the", "was" and "in" do, the words
  // that most often follow a capitalised word, and the check is made for nearly every such word.
]);

/**
 * Nouns for a group of people, before a list of their names: "the project team (Siosaia, Losana and
 * Wiremu)", "Attendees: …", "users such as Ngozi". Compared in lower case.
 */
export const PEOPLE_GROUPS: ReadonlySet<string> = new Set([
  'team', 'teams', 'colleagues', 'members', 'participants', 'attendees', 'interviewees', 'respondents', 'friends',
  'children', 'students', 'classmates', 'staff', 'people', 'users', 'customers', 'volunteers', 'testers', 'developers',
  'nurses', 'parents', 'siblings', 'family', 'managers', 'tutors', 'mentors', 'neighbours', 'neighbors', 'clients',
  'patients', 'employees', 'coworkers', 'co-workers', 'present', 'apologies', 'players', 'pupils', 'peers', 'authors',
]);

/** Labels whose value is a name: "Student name: …", "Signed: …". Compared in lower case, colon included. */
export const NAME_LABELS: ReadonlySet<string> = new Set(['name:', 'signed:', 'signature:', 'from:', 'to:', 'cc:', 'author:', 'tutor:', 'contact:', 'by:']);

/**
 * Lower-case words that join the parts of a name (van der Berg, da Silva, ap Gwynfor, bin Rashid):
 * inside a name only, never at its end.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'ter', 'ten',
  'zu', 'y', 'e', 'bin', 'binti', 'bint', 'ibn', 'al', 'el', 'ap', 'ab', 'ní', 'nic', 'mac', 'ó', 'ua', 'st',
]);

/** Prefixes joined to a surname by a hyphen: al-Maktoum, el-Sayed, bin-Laden. */
export const HYPHENATED_PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'bin', 'ibn', 'ben', 'abu', 'ul']);

/**
 * Prefixes after which a capital inside a word is still a name (McDonald, MacLeòid, FitzGerald,
 * DiCaprio, LaToya, DeShawn); any other inner capital marks a product or a code (GitHub, OUBuild).
 */
export const INNER_CAPITAL_PREFIXES: ReadonlySet<string> = new Set(['Mc', 'Mac', 'Fitz', 'Di', 'De', 'Da', 'La', 'Le', 'Van', 'Von', 'Du', 'Del', 'St']);

/** Prepositions of place: a capitalised phrase right after one is a place unless a name is certain. */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'near', 'around', 'outside', 'inside', 'across', 'towards', 'toward', 'into', 'via', 'within', 'throughout']);

/**
 * Articles and demonstratives: a capitalised phrase after one is a thing, not a person ("the Walton
 * Hall campus"). Not "that": more often a conjunction or a relative pronoun before a name ("the
 * minutes that Giorgio Bolliger took").
 */
export const DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'our', 'their', 'its']);
