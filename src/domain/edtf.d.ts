// Types for the parts of the `edtf` package (ISO 8601-2 / EDTF parser) this project uses.
declare module 'edtf' {
  interface ExtendedDate {
    type: string;
    /** The earliest and latest instants the expression covers, in milliseconds since the epoch. */
    min: number;
    max: number;
  }
  export default function edtf(expression: string): ExtendedDate;
}
