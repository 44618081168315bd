/**
 * Child-process entry: the official @google/genai (a devDependency), `models.generateContentStream`
 * and a `for await` over the raw GenerateContentResponses (no translation). It uses Node's
 * built-in fetch. Gemini wire only.
 */

import { GoogleGenAI } from '@google/genai';
import { runClientChild } from './lib/harness';
import { benchGeminiModel, benchKey, benchPrompt, benchSystem, geminiBaseUrl, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('genai-sdk', (settings) => {
  const ai = new GoogleGenAI({ apiKey: benchKey, httpOptions: { baseUrl: geminiBaseUrl(settings.port) } });
  return {
    library: `${packageLabel('@google/genai')} (Node ${process.version} fetch)`,
    expected: wires.gemini.events,
    async stream(maxTokens, onFirstContent) {
      const stream = await ai.models.generateContentStream({
        model: benchGeminiModel,
        contents: benchPrompt,
        config: { systemInstruction: benchSystem, ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }) },
      });
      let events = 0;
      let sawContent = false;
      for await (const response of stream) {
        events++;
        if (!sawContent && typeof response.candidates?.[0]?.content?.parts?.[0]?.text === 'string') {
          sawContent = true;
          onFirstContent();
        }
      }
      return events;
    },
    close: async () => undefined,
  };
});
