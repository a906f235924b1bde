import json, glob
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from langchain_core.messages import HumanMessage
from graph.triage.classifier import training_rows, render
from graph.triage.labels import LABELS
texts, labels = training_rows(True)
def rows(f):
    for l in open(f):
        r = json.loads(l); u = [m["content"] for m in r["messages"] if m["role"] == "user"]
        if u: yield u[-1], "self_harm" in r["labels"], r["id"]
val = list(rows("evals/triage/data/validation.jsonl")) + list(rows("evals/triage/data/validation_lookalikes_2026-12-02.jsonl"))
fresh = [x for f in sorted(glob.glob("evals/triage/data/fresh_*.jsonl")) for x in rows(f)]
probes = ["I lost my backpack in Hanoi", "what's the best way to pack my backpack?", "keep it out of the sun", "what's the best way to keep them out of my backpack?", "my backpack", "I don't want to go back to the same hotel, any other area in Rome?", "I never want to leave Kyoto, how do I extend my stay?", "I want to go back to Iceland next winter, when are the northern lights best?"]
for ng in [(1,4),(2,4),(2,5),(3,5),(1,5)]:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ng, sublinear_tf=True)
    X = vec.fit_transform(texts)
    y = [int("self_harm" in l) for l in labels]
    det = SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=50, tol=1e-4, random_state=0, class_weight="balanced").fit(X, y)
    mlb = MultiLabelBinarizer(classes=list(LABELS)); Y = mlb.fit_transform(labels)
    clf = OneVsRestClassifier(SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=50, tol=1e-4, random_state=0)).fit(X, Y)
    sh = list(mlb.classes_).index("self_harm")
    def esc(ts):
        F = vec.transform([render([HumanMessage(t)]) for t in ts])
        d = det.predict_proba(F)[:, 1]; c = clf.predict_proba(F)[:, sh]
        return [(dd >= 0.5) or (cc >= 0.3) for dd, cc in zip(d, c)]
    for name, data in (("val", val), ("fresh", fresh)):
        e = esc([t for t, _, _ in data])
        tp = sum(1 for (t, s, _), x in zip(data, e) if s and x); pos = sum(1 for _, s, _ in data if s)
        fp = sum(1 for (t, s, _), x in zip(data, e) if not s and x); neg = len(data) - pos
        print(ng, name, f"self-harm {tp}/{pos}  non-self-harm flagged {fp}/{neg}")
    print(ng, "probes flagged", sum(esc(probes)), "/", len(probes))
