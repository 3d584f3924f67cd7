"""foedus.annotate: rule-based spaCy annotators (zh with jieba, en) for actors, threats, obligations,
claims, dates and events.  See docs/annotators.md."""

from foedus.annotate.document import annotate_document
from foedus.annotate.pipelines import Pipelines, load_pipelines

__all__ = ["Pipelines", "annotate_document", "load_pipelines"]
