// The Ownership view: teams × domains, each cell the products a team owns there.
// (Filled in by the matrix work; a placeholder keeps the view switch testable.)
export function OwnershipView() {
  return <main className="main-view" data-testid="ownership-view" aria-label="Ownership" />;
}
