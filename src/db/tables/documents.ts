// Tables of issued documents and their signatures (filled in by the documents work).
export interface DocumentTables {}
