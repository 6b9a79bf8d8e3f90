/**
 * Every problem with a model file (GGUF or ONNX) surfaces as this one error type, naming the file,
 * so a benchmark can report "which file, what is wrong" and the run can go on with the others.
 */
export type ModelFileProblem =
  | 'missing' // no such file
  | 'truncated' // shorter than its header says
  | 'bad-magic' // not a GGUF file at all
  | 'bad-version' // a GGUF version this suite does not read
  | 'corrupt' // structurally invalid (bad type tags, absurd lengths, unparsable protobuf)
  | 'too-large' // needs more memory than is free: refused before loading
  | 'load-failed'; // the runtime (llama.cpp / onnxruntime) refused it

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: ModelFileProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}: ${detail}`, options);
    this.name = 'ModelFileError';
  }
}
