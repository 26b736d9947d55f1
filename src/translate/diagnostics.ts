/**
 * Translation diagnostics: MATLAB-style syntax errors (file, line, column and
 * MATLAB's wording) and notes on Octave-only syntax, which is accepted but
 * reported so an Octave user learns what MATLAB spells differently.
 */

export interface SourcePos {
  line: number;
  col: number;
}

/** A .m file that cannot be translated: MATLAB's "Error: File: f.m Line: 3 Column: 7" form. */
export class MatlabSyntaxError extends Error {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly reason: string;
  constructor(file: string, pos: SourcePos, reason: string) {
    super(`Error: File: ${file} Line: ${pos.line} Column: ${pos.col}\n${reason}`);
    this.name = 'MatlabSyntaxError';
    this.file = file;
    this.line = pos.line;
    this.col = pos.col;
    this.reason = reason;
  }
}

export interface Note {
  line: number;
  col: number;
  /** 'octave': Octave syntax accepted; 'warning': translated, but may fail at run time. */
  kind: 'octave' | 'warning';
  message: string;
}

/** Where notes of one file are collected while it is lexed, parsed and translated. */
export class Diagnostics {
  readonly notes: Note[] = [];
  constructor(readonly file: string) {}

  error(pos: SourcePos, reason: string): never {
    throw new MatlabSyntaxError(this.file, pos, reason);
  }

  octave(pos: SourcePos, what: string, matlab: string): void {
    this.notes.push({ ...pos, kind: 'octave', message: `${what} is Octave syntax; MATLAB writes ${matlab}.` });
  }

  warn(pos: SourcePos, message: string): void {
    this.notes.push({ ...pos, kind: 'warning', message });
  }

  /** "file.m:3:7: Octave: …" lines for the terminal. */
  format(): string[] {
    return this.notes.map((n) => `${this.file}:${n.line}:${n.col}: ${n.kind === 'octave' ? 'Octave' : 'Warning'}: ${n.message}`);
  }
}
