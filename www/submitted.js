// The demo's "submitted" page: renders the submitted form data (the query string of the GET
// submission) as plain text, one `name: value` per field, in the order the browser sent them.
// Values are set with textContent, so whatever was typed shows as typed.

const lines = [];
for (const [name, value] of new URLSearchParams(location.search)) {
  const [first, ...rest] = value.split(/\r?\n/);
  lines.push(`${name}: ${first}`, ...rest.map((line) => `    ${line}`));
}
document.getElementById('payload').textContent = lines.length ? lines.join('\n') : '(no fields were submitted)';

// Going back keeps what was typed (the browser restores the form from its history).
document.getElementById('back').addEventListener('click', (event) => {
  if (history.length > 1) {
    event.preventDefault();
    history.back();
  }
});
