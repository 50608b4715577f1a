// The project's one NLP pipeline: wink-nlp with its lite English model, loaded once per process
// (about 0.1 s) from npm; nothing is downloaded at run time. Tokens, sentences and parts of
// speech come from here for the sentence ledger and for drafts.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export const nlp = winkNLP(model);
export const its = nlp.its;
