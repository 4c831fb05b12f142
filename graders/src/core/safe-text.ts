/**
 * Text that came from a submission (its output, its exception messages) is printed by the grader in CI,
 * where GitHub Actions reads `::command::` lines from the log. Neutralising `::` keeps a submission from
 * setting outputs, masking values or stopping command processing.
 */
export function neutralizeWorkflowCommands(text: string): string {
  return text.replace(/::/g, ':\u200b:');
}
