/** An amount of money in integer fen (1 yuan = 100 fen): a safe integer, never a float. */
export type Fen = number;
