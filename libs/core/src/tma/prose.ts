import type { Faker } from '@faker-js/faker';

/**
 * Vocabulary and sentence templates for the body of generated answers: the register of a
 * computing student's TMA (concepts, tools, unit references, evaluation), so that parsing, PII
 * detection and anonymisation see capitalised words, numbers and punctuation like real text.
 */

const CONCEPTS = [
  'binary search', 'abstraction', 'packet switching', 'encryption', 'the TCP/IP model', 'a relational database',
  'recursion', 'cloud storage', 'the Internet of Things', 'machine learning', 'data compression',
  'a finite state machine', 'public key cryptography', 'hashing', 'the client-server model', 'version control',
  'accessibility guidelines', 'user-centred design', 'sorting algorithms', 'wireless networking',
  'computational thinking', 'error detection', 'the domain name system', 'object-oriented design',
];
const TOOLS = ['Python', 'OUBuild', 'Scratch', 'a spreadsheet', 'Jupyter notebooks', 'SQL', 'JavaScript', 'Node-RED', 'Excel'];
const PURPOSES = [
  'breaking problems into smaller parts', 'keeping data secure', 'sharing resources fairly',
  'reducing the size of files', 'organising large amounts of information', 'finding items quickly',
  'recovering from transmission errors', 'making systems usable by everyone',
];
const EXAMPLES = ['online banking', 'smart meters', 'video streaming', 'satellite navigation', 'contactless payments', 'library catalogues', 'weather forecasting', 'ticket booking'];
const ADJECTIVES = ['inefficient', 'unreliable', 'hard to maintain', 'expensive to run', 'slow', 'difficult to test'];
const ETHICS = ['privacy', 'informed consent', 'data protection law', 'algorithmic bias', 'digital exclusion', 'environmental impact'];
const IMPROVEMENTS = [
  'adding more test cases', 'validating the user input', 'using a dictionary instead of a list',
  'documenting each function', 'measuring the running time more carefully', 'handling empty files gracefully',
];
const ACTIONS = [
  'counts the words in a file', 'sorts a list of scores', 'simulates a set of traffic lights',
  'checks whether a number is prime', 'converts temperatures between scales', 'validates a booking reference',
];

type Slot = (f: Faker) => string;
const pick = (list: readonly string[]): Slot => (f) => f.helpers.arrayElement(list);
const num = (min: number, max: number): Slot => (f) => String(f.number.int({ min, max }));

const slots: Record<string, Slot> = {
  concept: pick(CONCEPTS),
  concept2: pick(CONCEPTS),
  tool: pick(TOOLS),
  purpose: pick(PURPOSES),
  example: pick(EXAMPLES),
  adj: pick(ADJECTIVES),
  ethics: pick(ETHICS),
  improvement: pick(IMPROVEMENTS),
  action: pick(ACTIONS),
  n: num(1, 9),
  m: num(2, 12),
  k: num(10, 90),
  year: num(1995, 2024),
  ref: (f) => `${f.string.numeric({ length: 6 })}-${f.string.alpha({ length: 2, casing: 'upper' })}`,
  date: (f) => `${f.number.int({ min: 1, max: 28 })} ${f.helpers.arrayElement(['January', 'March', 'May', 'October'])} ${f.number.int({ min: 2023, max: 2025 })}`,
};

const TEMPLATES = [
  'In this part I explain how {concept} relates to {concept2}.',
  'The module materials describe {concept} as a way of {purpose}.',
  'To test my understanding I wrote a short program in {tool} that {action}.',
  'One limitation of {concept} is that it can be {adj} when the input grows very large.',
  'Activity {n}.{m} in Block {n} was particularly helpful for this question.',
  'A common misconception is that {concept} always makes a system {adj}, but the evidence in Unit {n} suggests otherwise.',
  'Figure {n} shows how the behaviour of {concept} changes as more devices join the network.',
  'I found it useful to compare {concept} with {concept2} in a simple table.',
  'In summary, {concept} matters because it helps designers with {purpose}.',
  'The forum discussion raised an interesting point about {concept} and {ethics}.',
  'According to the module website, {concept} is used in many everyday systems, such as {example}.',
  'This approach worked well for small data sets, but it was noticeably slower with {k} thousand records.',
  'I would improve my solution by {improvement}.',
  'The key steps are to read the input, apply {concept}, and then report the result clearly.',
  'From an ethical point of view, {ethics} must be considered whenever personal data are collected.',
  'My results agreed with the expected output in {n} out of {m} test cases.',
  'When I first read the question I was unsure whether {concept} or {concept2} was the better choice.',
  'The trade-off is between speed and simplicity, and for {example} simplicity probably wins.',
  'As the unit points out, {concept} is only as good as the assumptions behind it.',
  'I tested the program with {k} different inputs, including some deliberately invalid ones.',
  'It is worth noting that {example} depends on {concept} far more than most users realise.',
  'Looking back, I should have started by {improvement}, which would have saved time later.',
  'The diagram in Section {n} helped me see why {concept} is described as {adj} in some situations.',
  'Overall, I think {tool} was a sensible choice for this task because it let me focus on {purpose}.',
  // Distractors for the PII detector: dates, numbers, codes and capitalised names of things.
  'The cut-off date for this TMA was {date}, and I submitted it a few days early.',
  'The Open University released version {n}.{m} of the software in {year}, which fixed the bug I describe above.',
  'The cover page shows reference {ref} and the module code, as requested in the Assessment Handbook.',
  'In {year} the Internet Engineering Task Force published an update to the standard discussed in Section {n}.',
  'My router reported {k} dropped packets out of 1000 sent, a loss rate of about {n} per cent.',
  'The British Computer Society publishes guidance on professional conduct that applies to {concept}.',
  'Microsoft Teams and Google Docs made the group activity in Week {m} much easier to organise.',
];

/** One sentence of answer prose. */
export function proseSentence(f: Faker): string {
  const template = f.helpers.arrayElement(TEMPLATES);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => slots[name](f));
}

export const COURSES = ['TM112', 'TM111', 'M269', 'TM254', 'TM129', 'M250', 'TT284', 'TM356', 'TM470', 'M348'];
export { CONCEPTS, TOOLS };
