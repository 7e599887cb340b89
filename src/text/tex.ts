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

/** Relations and arrows keep the space written after them ("A Hermitian ⇔ A=A^H"); the rest are set close. */
const SPACED = new Set([
  'iff',
  'Leftrightarrow',
  'Rightarrow',
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
]);

/** TeX as plain text: no "\displaystyle", font commands or braces; common symbols and Greek letters as characters. */
export function texText(tex: string): string {
  return tex
    .replace(/^\s*\{\\displaystyle\s*([\s\S]*)\}\s*$/, '$1')
    .replace(/\\(?:mathbf|mathrm|mathit|mathcal|mathbb|boldsymbol|operatorname|text|textbf|textit|mathsf)\s*/g, '')
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)\b\s*/g, '')
    .replace(/\\[,;:! ]|\\q?quad\b/g, ' ')
    .replace(/\\([A-Za-z]+)(\s*)/g, (whole, name: string, space: string) =>
      name in TEX_SYMBOLS ? TEX_SYMBOLS[name]! + (space && SPACED.has(name) ? ' ' : '') : whole,
    )
    .replace(/\s*([_^])\s*\{([^{}]*)\}/g, '$1$2')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
