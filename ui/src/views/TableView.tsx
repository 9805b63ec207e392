// The Table view: the mesh as a spreadsheet, one tab per kind of entity.
// (Filled in by the table work; a placeholder keeps the view switch testable.)
export function TableView() {
  return <main className="main-view" data-testid="table-view" aria-label="Table" />;
}
