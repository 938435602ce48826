#!/usr/bin/env node
// A command line tool and a web server: prompts of the terminal kind, messages of the chat-app kind.
const readline = require('readline');
const inquirer = require('inquirer');
const prompts = require('prompts');
const promptSync = require('prompt-sync')();
const twilio = require('twilio')(process.env.SID, process.env.TOKEN);
const { PrismaClient } = require('@prisma/client');
const express = require('express');

const db = new PrismaClient();
const app = express();
const PROMPT = '> ';
const promptColor = 'cyan';
const PROMPT_TIMEOUT_MS = 30000;
const systemName = process.platform;
const FILE_SYSTEM = 'ntfs';
const SYSTEM_LOCALE = 'en-US';
const instructionsUrl = 'https://example.com/help';
const defaultPrompt = 'Enter a value';
const promptText = 'Continue? (y/n) ';
const prompt = 'Pick a number: ';
const SYSTEM_MESSAGE_TYPE = 'system';
const PROMPT_LABELS = { yes: 'Yes', no: 'No' };

const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
rl.setPrompt(PROMPT);
rl.question(prompt, (answer) => console.log(answer));

async function ask() {
  const answers = await inquirer.prompt([{ type: 'input', name: 'name', message: 'What is your name?' }]);
  const response = await prompts({ type: 'number', name: 'value', message: 'How old are you?' });
  const color = promptSync('Favourite colour? ');
  return { answers, response, color };
}

async function sms(to) {
  return twilio.messages.create({ body: 'Your verification code is 1234', from: '+15005550006', to });
}

app.post('/messages', async (req, res) => {
  const message = await db.messages.create({ data: { threadId: req.body.threadId, text: req.body.text } });
  const reply = await db.responses.create({ data: { surveyId: 3 } });
  res.json({ message, reply });
});

function completion(word, list) {
  return list.filter((item) => item.startsWith(word));
}

function complete(line) {
  return completion(line, ['help', 'quit']);
}

async function workers(queue, step, job) {
  await step.invoke('send-email', { to: 'a@b.c' });
  await queue.stream('jobs');
  const lambda = { invoke: (name) => name };
  return lambda.invoke('resize-image');
}

const ui = {
  promptPlaceholder: 'Type your message here...',
  systemPromptLabel: 'System prompt',
  instructionsTitle: 'How it works',
  promptError: 'Could not load the prompt, please retry.',
  prompt: { maxLength: 2000, rows: 4 },
};

const columns = ['prompt', 'completion', 'model', 'tokens'];
const statsRow = { prompt_tokens: 12, completion_tokens: 40 };

function showHelp() {
  const instructions = require('./help.json');
  console.log(instructions.usage);
}

module.exports = { ask, sms, complete, workers, ui, columns, statsRow, showHelp, promptColor, PROMPT_TIMEOUT_MS, systemName, FILE_SYSTEM, SYSTEM_LOCALE, instructionsUrl, defaultPrompt, promptText, SYSTEM_MESSAGE_TYPE, PROMPT_LABELS };
