/** TeX commands written as the characters they print. A command not here stays as written, keeping its meaning. */
const TEX_SYMBOLS: Record<string, string> = {
  dots: '…',
  ldots: '…',
  cdots: '…',
  mid: '|',
  neq: '≠',
  ne: '≠',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  iff: '⇔',
  Leftrightarrow: '⇔',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  leftarrow: '←',
  int: '∫',
  partial: '∂',
  nabla: '∇',
  sim: '∼',
  equiv: '≡',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  neg: '¬',
  circ: '∘',
  dagger: '†',
  prime: '′',
  lt: '<',
  gt: '>',
  eta: 'η',
  kappa: 'κ',
  nu: 'ν',
  xi: 'ξ',
  zeta: 'ζ',
  iota: 'ι',
  Gamma: 'Γ',
  Lambda: 'Λ',
  Phi: 'Φ',
  Pi: 'Π',
  Psi: 'Ψ',
  Theta: 'Θ',
  times: '×',
  cdot: '·',
  in: '∈',
  infty: '∞',
  to: '→',
  rightarrow: '→',
  approx: '≈',
  pm: '±',
  sum: '∑',
  prod: '∏',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Omega: 'Ω',
  lVert: '‖',
  rVert: '‖',
  Vert: '‖',
  langle: '⟨',
  rangle: '⟩',
  ast: '*',
  star: '*',
};

/** Relations and arrows are set with a space on each side ("A Hermitian ⇔ A=A^H"); the rest are set close. */
const SPACED = new Set([
  'iff',
  'Leftrightarrow',
  'Rightarrow',
  'Leftarrow',
  'leftarrow',
  'to',
  'rightarrow',
  'in',
  'leq',
  'le',
  'geq',
  'ge',
  'neq',
  'ne',
  'approx',
  'equiv',
  'subset',
  'subseteq',
]);

/** A fraction's part as written: bare when it is one number or name ("1/2"), else in parentheses ("(a+b)/2"). */
const group = (part: string) => (/^[\p{L}\d.]+$/u.test(part.trim()) ? part.trim() : `(${part.trim()})`);

/** Escaped braces, kept through the removal of TeX's grouping braces. */
const OPEN = '\u0001';
const CLOSE = '\u0002';

/**
 * TeX as plain text: no "\displaystyle", font commands or grouping braces; symbols and Greek letters as characters;
 * a sub- or superscript of more than one character in parentheses ("x^(n+1)"), fractions as "(a)/(b)", roots as
 * "√(x)". A command it doesn't know stays as written.
 */
export function texText(tex: string): string {
  let text = tex
    .replace(/\\\{/g, OPEN)
    .replace(/\\\}/g, CLOSE)
    .replace(/\\\|/g, '‖')
    .replace(/\\([%$#&_])/g, '$1')
    .replace(/\\(?:displaystyle|textstyle|scriptstyle)(?![A-Za-z])\s*/g, '')
    .replace(
      /\\(?:mathbf|mathrm|mathit|mathcal|mathbb|mathsf|boldsymbol|operatorname|textbf|textit|textrm|texttt|text)(?![A-Za-z])\s*/g,
      '',
    )
    .replace(/\\(?:left|right)\s*\./g, '')
    .replace(/\\(?:left|right|[bB]igg?[lrm]?)(?![A-Za-z])\s*/g, '')
    .replace(/\\[,;:! ]|\\q?quad(?![A-Za-z])/g, ' ');
  // Innermost groups first, until none is left to rewrite.
  for (let before = ''; before !== text;) {
    before = text;
    text = text
      .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_m, a: string, b: string) => `${group(a)}/${group(b)}`)
      .replace(/\\sqrt\s*\{([^{}]*)\}/g, (_m, a: string) => `√(${a.trim()})`)
      .replace(/\s*([_^])\s*\{([^{}]*)\}/g, (_m, mark: string, a: string) =>
        a.trim().length > 1 ? `${mark}(${a.trim()})` : `${mark}${a.trim()}`,
      );
  }
  return text
    .replace(/\\([A-Za-z]+)\s*/g, (whole, name: string) =>
      name in TEX_SYMBOLS ? (SPACED.has(name) ? ` ${TEX_SYMBOLS[name]} ` : TEX_SYMBOLS[name]!) : whole,
    )
    .replace(/[{}]/g, '')
    .replaceAll(OPEN, '{')
    .replaceAll(CLOSE, '}')
    .replace(/\s+/g, ' ')
    .trim();
}
