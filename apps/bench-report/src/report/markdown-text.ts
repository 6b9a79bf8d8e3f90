// The Markdown escaping lives in bench-kit (its one-run Markdown export uses it too).
export { mdCode, mdLink, mdText } from '@workflow-bench/bench-kit';
