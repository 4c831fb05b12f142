/** Reads the `run:` command of a named step out of a workflow file, so that tests run what the workflow runs. */
export function stepRun(workflow: string, name: string): string {
  const lines = workflow.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*- name: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l));
  if (start < 0) throw new Error(`Expected a step named "${name}" in the workflow`);
  const stepIndent = lines[start]!.indexOf('-');
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() && line.search(/\S/) <= stepIndent) break;
    const single = /^(\s*)run: (?!\|)(.+)$/.exec(line);
    if (single) return single[2]!;
    const block = /^(\s*)run: \|$/.exec(line);
    if (block) {
      const body: string[] = [];
      let indent = -1;
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j]!;
        if (next.trim() === '') {
          body.push('');
          continue;
        }
        const at = next.search(/\S/);
        if (indent < 0) indent = at;
        if (at < indent) break;
        body.push(next.slice(indent));
      }
      return body.join('\n').trimEnd() + '\n';
    }
  }
  throw new Error(`Expected the step "${name}" to have a run: command`);
}
