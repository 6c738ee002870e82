"""Smart CRM Analytics core: a plain library (no Streamlit) used by the pages and the CLI."""

from crm_core.errors import CrmError

__all__ = ["CrmError"]
__version__ = "0.1.0"
