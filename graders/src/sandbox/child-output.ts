/**
 * What the child running student code prints, as the grader keeps it: the last 64 KiB, without the lines
 * TensorFlow's native library prints on load, with GitHub workflow commands neutralised.
 */
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';

const OUTPUT_KEEP_BYTES = 64 * 1024;

/**
 * What TensorFlow's native library (the `tensorflow` backend) prints to stderr when it loads, whatever
 * TF_CPP_MIN_LOG_LEVEL says: absl's notice that logging is not initialised, and two informational lines (oneDNN
 * is on; the CPU has instructions this build does not use), the second with a continuation line.
 */
const TENSORFLOW_NOTICES = [
  /^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$/,
  /^I\d{4} [\d:.]+\s+\d+ (port|cpu_feature_guard)\.cc:\d+\] /,
  /^To enable the following instructions: .*, in other operations, rebuild TensorFlow with the appropriate compiler flags\.$/,
];

/** `text` without the lines TensorFlow prints on load: they are not the submission's, and say nothing to a student. */
export function withoutTensorFlowNotices(text: string): string {
  if (!text.includes('InitializeLog') && !/\.cc:\d+\] /.test(text)) return text;
  return text
    .split('\n')
    .filter((line) => !TENSORFLOW_NOTICES.some((pattern) => pattern.test(line)))
    .join('\n');
}

/** The child's stdout and stderr together, bounded. */
export class ChildOutput {
  /** The last OUTPUT_KEEP_BYTES of output, as printed. */
  tail = '';
  private bytes = 0;

  append(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.tail += chunk.toString('utf8');
    if (this.tail.length > OUTPUT_KEEP_BYTES) this.tail = this.tail.slice(-OUTPUT_KEEP_BYTES);
  }

  /** The output as a student reads it, saying how much was dropped from its start. */
  shown(): string {
    const dropped = this.bytes - Buffer.byteLength(this.tail);
    const head = dropped > 0 ? `[${dropped} earlier bytes of output not kept]\n` : '';
    return neutralizeWorkflowCommands(head + withoutTensorFlowNotices(this.tail));
  }
}
