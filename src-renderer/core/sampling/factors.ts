// Statistical factors of audit sampling, as exact integers (no floating point reaches a sample).
//
// POISSON_FACTORS_HUNDREDTHS[confidence][k] is the Poisson upper confidence factor for k
// misstatements found ("reliability factor", R): the λ with P(X <= k | λ) = 1 − confidence, in
// hundredths and rounded UP, as the published tables round it. Source: AICPA Audit Guide "Audit
// Sampling", Appendix C, table "Monetary Unit Sampling — Confidence Factors for Sample Evaluation"
// (columns by risk of incorrect acceptance 5%, 10%, 15%, 20%, 25%, 30%, 35%, 37%, 50%; rows 0–20
// misstatements), reprinted e.g. as Exhibit FA.2 "PPS Confidence Factors for Sample Evaluation"
// in Messier/Glover/Prawitt, Auditing & Assurance Services. ISA 530 (Appendix 3, "Examples of
// factors influencing sample size for tests of details") leaves the factors to such tables.
// Every entry here was recomputed as χ²(confidence; 2k+2)/2 and agrees with the published table,
// except the 37% column's k = 2 entry that some reprints give as 3.35 (a misprint: the series
// 2.14, 3.25, 4.35 is the Poisson value). The 99% column is not in that table and is computed the
// same way (rows 0–3: 4.61, 6.64, 8.41, 10.05).
// For more than 20 misstatements the last increment (R20 − R19) is reused for each further one:
// the increments shrink as k grows, so this overstates the bound slightly (conservative).
//
// EXPANSION_FACTORS_HUNDREDTHS[confidence]: AICPA Audit Guide "Audit Sampling", table "Expansion
// Factors for Expected Misstatements" (risk of incorrect acceptance 1%: 1.9, 5%: 1.6, 10%: 1.5,
// 15%: 1.4, 20%: 1.3, 25%: 1.25, 30%: 1.2, 37%: 1.15, 50%: 1.0), in hundredths. The 35% risk
// (0.65 confidence) is not tabulated there; the 30% value (1.2) is used, the next more cautious.
//
// NORMAL_QUANTILES_TEN_THOUSANDTHS[confidence]: the one-sided standard normal quantile z with
// Φ(z) = confidence, in ten-thousandths rounded UP (1.6449 for 0.95), for the upper limit of a
// ratio estimate from a random sample.

export const CONFIDENCE_LEVELS = ['0.50', '0.63', '0.65', '0.70', '0.75', '0.80', '0.85', '0.90', '0.95', '0.99'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

const POISSON_FACTORS_HUNDREDTHS: Record<ConfidenceLevel, readonly number[]> = {
  '0.50': [70, 168, 268, 368, 468, 568, 667, 767, 867, 967, 1067, 1167, 1267, 1367, 1467, 1567, 1667, 1767, 1867, 1967, 2067],
  '0.63': [100, 214, 325, 435, 543, 650, 757, 863, 968, 1074, 1179, 1284, 1389, 1493, 1598, 1702, 1806, 1910, 2014, 2118, 2222],
  '0.65': [105, 222, 335, 446, 555, 664, 772, 879, 985, 1092, 1198, 1304, 1409, 1514, 1620, 1725, 1829, 1934, 2038, 2143, 2247],
  '0.70': [121, 244, 362, 477, 590, 701, 812, 921, 1031, 1139, 1247, 1355, 1463, 1570, 1677, 1784, 1890, 1997, 2103, 2209, 2315],
  '0.75': [139, 270, 393, 511, 628, 743, 856, 969, 1081, 1192, 1302, 1413, 1522, 1632, 1740, 1849, 1958, 2066, 2174, 2281, 2389],
  '0.80': [161, 300, 428, 552, 673, 791, 908, 1024, 1138, 1252, 1366, 1478, 1590, 1702, 1813, 1924, 2034, 2144, 2254, 2364, 2473],
  '0.85': [190, 338, 473, 602, 727, 850, 971, 1090, 1208, 1325, 1442, 1557, 1672, 1786, 1900, 2013, 2126, 2239, 2351, 2463, 2574],
  '0.90': [231, 389, 533, 669, 800, 928, 1054, 1178, 1300, 1421, 1541, 1660, 1779, 1896, 2013, 2130, 2246, 2361, 2476, 2591, 2705],
  '0.95': [300, 475, 630, 776, 916, 1052, 1185, 1315, 1444, 1571, 1697, 1821, 1945, 2067, 2189, 2310, 2431, 2550, 2670, 2788, 2907],
  '0.99': [461, 664, 841, 1005, 1161, 1311, 1458, 1600, 1741, 1879, 2015, 2149, 2283, 2414, 2545, 2675, 2804, 2931, 3059, 3185, 3311],
};

const EXPANSION_FACTORS_HUNDREDTHS: Record<ConfidenceLevel, number> = {
  '0.50': 100, '0.63': 115, '0.65': 120, '0.70': 120, '0.75': 125, '0.80': 130, '0.85': 140, '0.90': 150, '0.95': 160, '0.99': 190,
};

const NORMAL_QUANTILES_TEN_THOUSANDTHS: Record<ConfidenceLevel, number> = {
  '0.50': 0, '0.63': 3319, '0.65': 3854, '0.70': 5245, '0.75': 6745, '0.80': 8417, '0.85': 10365, '0.90': 12816, '0.95': 16449, '0.99': 23264,
};

export function isConfidenceLevel(text: string): text is ConfidenceLevel {
  return (CONFIDENCE_LEVELS as readonly string[]).includes(text);
}

/** The Poisson upper confidence factor for k misstatements, in hundredths (R(0) at 0.95 is 300). */
export function poissonFactorHundredths(confidence: ConfidenceLevel, misstatements: number): number {
  const column = POISSON_FACTORS_HUNDREDTHS[confidence];
  const last = column.length - 1;
  if (misstatements <= last) return column[misstatements]!;
  return column[last]! + (misstatements - last) * (column[last]! - column[last - 1]!);
}

/** The AICPA expansion factor for expected misstatement, in hundredths (1.6 at 0.95 is 160). */
export function expansionFactorHundredths(confidence: ConfidenceLevel): number {
  return EXPANSION_FACTORS_HUNDREDTHS[confidence];
}

/** The one-sided normal quantile, in ten-thousandths (1.6449 at 0.95 is 16449). */
export function normalQuantileTenThousandths(confidence: ConfidenceLevel): number {
  return NORMAL_QUANTILES_TEN_THOUSANDTHS[confidence];
}
