// A module of prompt texts kept apart from the code that sends them.
export const prompt = 'Summarise the following support ticket in three bullet points for the on-call engineer.';
