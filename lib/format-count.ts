// How the console writes a count of users: "1,234", the same on every page.
const counts = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => counts.format(n);
