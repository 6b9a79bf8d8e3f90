/** Options of the bench-lib generator (mirrors schema.json). */
export interface BenchLibSchema {
  name: string;
  description?: string;
  directory?: string;
}
