"""One declaration per entity: the fields of an idea, a step, a person… are declared once,
and the same declaration cleans input, writes the API's JSON and describes both in the
OpenAPI document.

Why a small module of our own rather than pydantic or marshmallow(+apispec):

- *Two modes of cleaning from one declaration.* The web form sends strings that people
  typed ("๒,๔๐๐", "12 000", a ticked box "y"); the API must refuse a JSON value of the wrong
  type (``"annual_volume": "5"``) with a 422 naming the field. Here each field type has a
  ``FORM`` and a ``JSON`` mode; pydantic's lax/strict modes do not parse Thai digits or
  separators, so every numeric field would need custom validators anyway.
- *Our messages, in Thai, keyed by path.* The fields keep the exact msgids they had (so the
  translations stay) and report every problem at once under paths such as
  ``current_steps.2.actor``; pydantic and marshmallow would need their error lists mapped
  back to these messages type by type.
- *A plain OpenAPI 3.1 schema.* Each type emits exactly the JSON Schema we publish (required,
  ``minLength``, limits, ``null`` where allowed), with named objects as components; no
  ``title``/``anyOf`` noise to post-process, and no new runtime dependency.

It stays small: a handful of types (``Text``, ``WholeNumber``, ``Bool``, ``Choice``,
``List``, ``Object``, and for output only ``Integer``, ``Number``, ``DateTime``, ``Map``,
``Any``). An ``Object`` cleans a mapping (unknown keys refused, every error reported), dumps
a model or mapping to JSON (``dump`` reads exactly the declared fields) and gives its JSON
Schema for the *input* direction (limits, required fields) or the *output* direction (every
field present, ``null`` only where declared). This module imports no feature.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import Enum

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ideaboard.core.errors import ValidationError
from ideaboard.core.text import normalise

FORM, JSON = "form", "json"  # strings people typed / JSON values from an API client
IN, OUT = "in", "out"  # the direction a JSON Schema describes

# NUL and other C0 controls (except tab and newlines) and lone surrogates cannot be stored
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
TRUE_STRINGS = {"true", "1", "y", "yes", "on"}
FALSE_STRINGS = {"false", "0", "n", "no", "off", ""}
MAX_DIGITS = 12  # longer digit strings are refused before int() is asked to read them
MISSING = object()

NULL_MESSAGE = _l("Send a value, not null.")


class Errors(dict):
    """Field path → message; ``check()`` raises them all as one ``ValidationError``."""

    def check(self) -> None:
        if self:
            raise ValidationError(fields=dict(self))


def join(path: str, name: str | int) -> str:
    return f"{path}.{name}" if path else str(name)


def _message(message, **values) -> str:
    """A message given as a lazy string or as a function of ``values`` (built with ``_()``)."""
    return message(**values) if callable(message) else message


class Field:
    """One field. ``required``: an input must give it (a text must not be blank);
    ``nullable``: null is accepted on input and may be written on output; ``fill``: a full
    (non-partial) clean gives the field its empty value when it is left out; ``get``/``attr``:
    where ``dump`` reads the value (default: the attribute or key of the field's name)."""

    json_type = "string"
    null_message = NULL_MESSAGE

    def __init__(
        self,
        *,
        required: bool = False,
        nullable: bool = False,
        fill: bool = True,
        attr: str | None = None,
        get: Callable | None = None,
        description: str | None = None,
        example=None,
        required_message=None,
    ):
        self.required = required
        self.nullable = nullable
        self.fill = fill
        self.attr = attr
        self.get = get
        self.description = description
        self.example = example
        if required_message is not None:
            self.required_message = required_message

    required_message = _l("This field is required.")

    # -- cleaning ---------------------------------------------------------------------------

    def clean(self, value, path: str, errors: Errors, mode: str):
        """The clean value, or None after recording a message under ``path``."""
        if value is None:
            if mode == JSON and not self.nullable:
                errors[path] = self.null_message
                return None
            return self.empty(path, errors)
        return self.parse(value, path, errors, mode)

    def empty(self, path: str, errors: Errors):
        """The value of a field left out (or null in a form)."""
        if self.required:
            errors[path] = self.required_message
        return None

    def parse(self, value, path: str, errors: Errors, mode: str):
        return value

    # -- output -----------------------------------------------------------------------------

    def dump(self, value):
        return value

    # -- JSON Schema ------------------------------------------------------------------------

    def json_schema(self, direction: str, components: dict) -> dict:
        schema = {"type": [self.json_type, "null"] if self.nullable else self.json_type}
        if direction == IN:
            schema.update(self.limits())
        if self.description:
            schema["description"] = self.description
        if self.example is not None:
            schema["example"] = self.example
        return schema

    def limits(self) -> dict:
        return {}


class Text(Field):
    def __init__(
        self,
        max_length: int | None = None,
        *,
        strip: bool = True,
        normalise: bool = True,
        not_text=None,
        **options,
    ):
        super().__init__(**options)
        self.max_length = max_length
        self.strip = strip
        self.normalise = normalise  # Thai typed two ways stored one way (core.text)
        self.not_text = not_text or _l("Please enter text.")

    def empty(self, path, errors):
        super().empty(path, errors)
        return ""

    def parse(self, value, path, errors, mode):
        if not isinstance(value, str):
            errors[path] = self.not_text
            return None
        if UNSTORABLE.search(value):
            errors[path] = _l("Remove the invisible control characters from this text.")
            return None
        text = value.replace("\r\n", "\n")
        if self.normalise:
            text = normalise(text)
        if self.strip:
            text = text.strip()
        if self.max_length is not None and len(text) > self.max_length:
            errors[path] = _(
                "At most %(n)d characters (you have %(m)d).", n=self.max_length, m=len(text)
            )
            return None
        if text == "" and self.required:
            errors[path] = self.required_message
        return text

    def limits(self):
        limits = {}
        if self.required:
            limits.update(minLength=1, pattern=r"\S")
        if self.max_length is not None:
            limits["maxLength"] = self.max_length
        return limits


class WholeNumber(Field):
    """An integer within limits. A form may write 12000, "12,000", "12 000" or Thai digits;
    a JSON client must send a number."""

    json_type = "integer"
    required_message = _l("Please enter a number.")

    def __init__(
        self, minimum: int = 0, maximum: int | None = None, *, empty_value=None, **options
    ):
        super().__init__(**options)
        self.minimum = minimum
        self.maximum = maximum
        self.empty_value = empty_value

    def empty(self, path, errors):
        super().empty(path, errors)
        return self.empty_value

    def parse(self, value, path, errors, mode):
        if isinstance(value, bool):
            errors[path] = _l("Please enter a whole number.")
            return None
        if isinstance(value, float):
            if mode == JSON or not value.is_integer():
                errors[path] = _l("Please enter a whole number.")
                return None
            value = int(value)
        if isinstance(value, str):
            if mode == JSON:
                errors[path] = _l("Send a number, not text (no quotes).")
                return None
            if not value.strip():
                return self.empty(path, errors)
            digits = value.strip().replace(",", "").replace(" ", "")
            sign = -1 if digits.startswith("-") else 1
            digits = digits.lstrip("+-")
            if len(digits) > MAX_DIGITS:
                errors[path] = self._too_big()
                return None
            if not digits.isdecimal():  # ASCII or Thai digits; not "²" or "½"
                errors[path] = _l("Please enter a whole number, e.g. 1200.")
                return None
            value = sign * int(digits)
        if not isinstance(value, int):
            errors[path] = _l("Please enter a whole number, e.g. 1200.")
            return None
        if value < self.minimum:
            errors[path] = _("Must not be less than %(n)s.", n=f"{self.minimum:,}")
            return None
        if self.maximum is not None and value > self.maximum:
            errors[path] = self._too_big()
            return None
        return value

    def _too_big(self) -> str:
        if self.maximum is None:  # more digits than any number we store
            return str(_l("This number is too large."))
        return _("Must not be more than %(n)s.", n=f"{self.maximum:,}")

    def limits(self):
        limits = {"minimum": self.minimum}
        if self.maximum is not None:
            limits["maximum"] = self.maximum
        return limits


class Bool(Field):
    json_type = "boolean"

    def empty(self, path, errors):
        return False

    def parse(self, value, path, errors, mode):
        if isinstance(value, bool):
            return value
        if mode == FORM and isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_STRINGS | FALSE_STRINGS:
                return word in TRUE_STRINGS
        errors[path] = _l("Choose yes or no.") if mode == FORM else _l("Send true or false.")
        return False

    def dump(self, value):
        return None if value is None else bool(value)


class Choice(Field):
    """One of a fixed set: an ``Enum`` class (cleans to its member) or strings."""

    required_message = _l("Please choose one.")

    def __init__(self, values, *, unknown=None, **options):
        super().__init__(**options)
        self.values = values
        self.unknown = unknown
        self.null_message = self.required_message if not self.nullable else NULL_MESSAGE

    @property
    def codes(self) -> list[str]:
        return [str(v.value if isinstance(v, Enum) else v) for v in self.values]

    def empty(self, path, errors):
        if not self.nullable:
            errors[path] = self.required_message
        return None

    def parse(self, value, path, errors, mode):
        if value == "":
            if mode == FORM:
                return self.empty(path, errors)
            errors[path] = _("Choose one of: %(choices)s.", choices=", ".join(self.codes))
            return None
        if isinstance(value, str) and value in self.codes:
            if isinstance(self.values, type) and issubclass(self.values, Enum):
                return self.values(value)
            return value
        errors[path] = self.unknown or _("Unknown choice: %(value)s.", value=str(value)[:40])
        return None

    def dump(self, value):
        if value is None:
            return None
        return str(value.value if isinstance(value, Enum) else value)

    def json_schema(self, direction, components):
        schema = super().json_schema(direction, components)
        schema["enum"] = self.codes + ([None] if self.nullable else [])
        return schema


class List(Field):
    """A list of one kind of item. Errors of a scalar item are reported at the list's path,
    those inside an object at ``path.index.field``."""

    json_type = "array"

    def __init__(
        self,
        item: Field,
        *,
        max_items: int | None = None,
        too_many: Callable | None = None,
        not_list=None,
        split: bool = False,
        drop_blank: bool = False,
        unique: bool = False,
        **options,
    ):
        super().__init__(**options)
        self.item = item
        self.max_items = max_items
        self.too_many = too_many  # a function of n giving the message; needed with max_items
        self.not_list = not_list or _l("Please give a list.")
        self.split = split  # a form may send "a, b, c"
        self.drop_blank = drop_blank
        self.unique = unique
        self.null_message = self.not_list

    def empty(self, path, errors):
        super().empty(path, errors)
        return []

    def parse(self, value, path, errors, mode):
        if mode == FORM and self.split and isinstance(value, str):
            value = value.replace("\n", ",").split(",")
        if not isinstance(value, list):
            errors[path] = self.not_list
            return None
        # a JSON array is held to maxItems as sent (the document says so); a form's blank
        # entries (a trailing comma) are dropped before counting
        counted_as_sent = mode == JSON or not self.drop_blank
        if counted_as_sent and self.max_items is not None and len(value) > self.max_items:
            errors[path] = _message(self.too_many, n=self.max_items)
            return None
        items = []
        for index, raw in enumerate(value):
            if self.drop_blank and isinstance(raw, str) and not raw.strip():
                continue
            if isinstance(self.item, Object):
                items.append(self.item.clean(raw, join(path, index), errors, mode))
                continue
            item_errors = Errors()
            item = self.item.clean(raw, path, item_errors, mode)
            if item_errors:
                errors.setdefault(path, next(iter(item_errors.values())))
                continue
            if self.unique and item in items:
                continue
            items.append(item)
        if self.drop_blank and self.max_items is not None and len(items) > self.max_items:
            errors[path] = _message(self.too_many, n=self.max_items)
            return None
        return items

    def dump(self, value):
        return [self.item.dump(item) for item in (value or [])]

    def json_schema(self, direction, components):
        schema = super().json_schema(direction, components)
        schema["items"] = self.item.json_schema(direction, components)
        return schema

    def limits(self):
        return {} if self.max_items is None else {"maxItems": self.max_items}


class Object(Field):
    """A mapping of declared fields. Named objects become components of the OpenAPI
    document (``<name>`` for output; ``<name>Input`` for input when ``both`` ways)."""

    json_type = "object"

    def __init__(
        self,
        name: str | None,
        fields: Mapping[str, Field],
        *,
        both: bool = False,
        not_object=None,
        **options,
    ):
        super().__init__(**options)
        self.name = name
        self.fields = dict(fields)
        self.both = both
        self.not_object = not_object or _l("Send an object.")
        self.null_message = self.not_object

    def __getitem__(self, name: str) -> Field:
        return self.fields[name]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def extend(self, name: str, **fields: Field) -> Object:
        return Object(name, {**self.fields, **fields}, both=self.both, not_object=self.not_object)

    def use(self, **options) -> Object:
        """This object as a field with other options (nullable, get, …), same component."""
        copy = Object(self.name, self.fields, both=self.both, not_object=self.not_object, **options)
        return copy

    # -- cleaning ---------------------------------------------------------------------------

    def empty(self, path, errors):
        super().empty(path, errors)
        return None

    def parse(self, value, path, errors, mode, partial: bool = False):
        if not isinstance(value, Mapping):
            errors[path] = self.not_object
            return None
        clean = {}
        for key in value:
            if key not in self.fields:
                errors[join(path, str(key))] = _l("Unknown field.")
        for name, field in self.fields.items():
            where = join(path, name)
            if name in value:
                if isinstance(field, Object) and value[name] is not None:
                    clean[name] = field.parse(value[name], where, errors, mode, partial=partial)
                else:
                    clean[name] = field.clean(value[name], where, errors, mode)
            elif not partial and (field.fill or field.required):
                clean[name] = field.empty(where, errors)
        return clean

    def load(self, value, mode: str, *, partial: bool = False, path: str = "") -> dict:
        """Clean a whole object, raising every problem at once as a ``ValidationError``.
        ``partial``: only the fields present are checked (an edit, or a shape check)."""
        errors = Errors()
        if value is None:
            errors[path] = self.not_object
            errors.check()
        clean = self.parse(value, path, errors, mode, partial=partial)
        errors.check()
        return clean

    # -- output -----------------------------------------------------------------------------

    def dump(self, value, **given):
        """The JSON of ``value`` (a model or mapping): exactly the declared fields; ``given``
        supplies values computed elsewhere (permissions, the caller's actions)."""
        if value is None:
            return None
        mapping = isinstance(value, Mapping)
        out = {}
        for name, get, key, dump in self._output_plan:
            if name in given:
                raw = given[name]
            elif get is not None:
                raw = get(value)
            else:
                raw = value.get(key) if mapping else getattr(value, key)
            out[name] = raw if dump is None else dump(raw)
        return out

    @functools.cached_property
    def _output_plan(self) -> list[tuple]:
        """(name, getter, attribute, dumper) per field, worked out once: a list of ideas
        dumps thousands of fields, and asking each field how to read itself every time
        costs more than the reading. A dumper of None passes the value through."""
        return [
            (
                name,
                field.get,
                field.attr or name,
                None if type(field).dump is Field.dump else field.dump,
            )
            for name, field in self.fields.items()
        ]

    # -- JSON Schema ------------------------------------------------------------------------

    def component_name(self, direction: str) -> str | None:
        if self.name is None:
            return None
        return f"{self.name}Input" if self.both and direction == IN else self.name

    def body_schema(self, direction: str, components: dict) -> dict:
        properties = {
            name: field.json_schema(direction, components) for name, field in self.fields.items()
        }
        required = (
            [name for name, field in self.fields.items() if field.required]
            if direction == IN
            else list(self.fields)
        )
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        return schema

    def json_schema(self, direction, components):
        name = self.component_name(direction)
        if name is None:
            schema = self.body_schema(direction, components)
        else:
            if name not in components:
                components[name] = {}  # reserve the name first: objects may nest
                components[name] = self.body_schema(direction, components)
            schema = {"$ref": f"#/components/schemas/{name}"}
        if self.nullable:
            schema = {"anyOf": [schema, {"type": "null"}]}
        if self.description:
            schema["description"] = self.description
        return schema

    def ref(self, direction: str, components: dict) -> dict:
        """A reference to this object's component (declared on first use)."""
        return self.use().json_schema(direction, components)


def partial_schema(obj: Object, components: dict, **extra: Field) -> dict:
    """The input schema of ``obj`` with nothing required (an edit), plus ``extra`` fields."""
    schema = obj.body_schema(IN, components)
    schema.pop("required", None)
    for name, field in extra.items():
        schema["properties"][name] = field.json_schema(IN, components)
        if field.required:
            schema.setdefault("required", []).append(name)
    return schema


# -- output-only types ----------------------------------------------------------------------


class Integer(Field):
    json_type = "integer"


class Number(Field):
    json_type = "number"


class DateTime(Field):
    def dump(self, value):
        return iso(value)

    def json_schema(self, direction, components):
        return {**super().json_schema(direction, components), "format": "date-time"}


class Map(Field):
    """An object with free keys and values of one type (e.g. field path → message)."""

    json_type = "object"

    def __init__(self, value: Field, **options):
        super().__init__(**options)
        self.value = value

    def dump(self, value):
        return {str(k): self.value.dump(v) for k, v in (value or {}).items()}

    def json_schema(self, direction, components):
        schema = super().json_schema(direction, components)
        schema["additionalProperties"] = self.value.json_schema(direction, components)
        return schema


class Binary(Field):
    """A file's bytes, sent as a part of a multipart body; what they are is checked by the
    operation that takes them (``files.detection``), never by this declaration."""

    def json_schema(self, direction, components):
        return {**super().json_schema(direction, components), "format": "binary"}


class Any(Field):
    """Any JSON value (e.g. a field's value before and after an edit)."""

    def json_schema(self, direction, components):
        return {"description": self.description} if self.description else {}


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
