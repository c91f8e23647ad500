"""The members' public pages: no account, Spanish first (English on request), plain
language, one small stylesheet and no script, nothing fetched from elsewhere. What the
settlement is and who may be a member, what members can do, how to reach counsel and
the deadlines; a screener that explains its answer and keeps nothing without consent;
the objection form with its receipt."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo.apps.audit.services import audit_record
from amparo.apps.core.access import public
from amparo.apps.notices.models import CaseHearing, ScreenerContact
from amparo.apps.notices.objections import (
    ObjectionInput,
    ObjectionInputError,
    objection_submit,
    submission_allowed,
)
from amparo.apps.notices.public_forms import ObjectionForm, ScreenerForm

LANGUAGES = ("es", "en")
# The objection form's whole request: the text (5,000 characters, up to 4 bytes each)
# and the short fields fit well under this.
MAX_BODY = 32 * 1024


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in LANGUAGES else "es"


def _page(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    lang = _language(request)
    with translation.override(lang):
        response = render(request, template, {**context, "lang": lang}, status=status)
    response["Content-Language"] = lang
    return response


@public
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "notices/public/home.html", {"hearings": CaseHearing.objects.all()})


def _screen(data: dict[str, object]) -> tuple[str, str]:
    """(verdict, explanation) in plain words."""
    if data["separated"] == "no":
        return _("You are probably not a class member."), _(
            "The classes are people separated from their parent or child at the border "
            "on or after 1 July 2017. If you are not sure, ask class counsel."
        )
    if data["role"] == "relative":
        return _("You are probably not a class member as the settlement is written."), _(
            "The classes are parents and their children. Grandparents, aunts, uncles and "
            "older siblings are not included. If you think they should be, you may object "
            "before the deadline."
        )
    if data["role"] == "child":
        return _("You may be a member of the children's class (M.M.M.)."), _(
            "Children separated from their parent may have an interview of their own. "
            "Ask class counsel."
        )
    if data["negative"] == "yes":
        return _("You may be a member of the parents' classes (Ms. L. and Dora)."), _(
            "You may have a new credible fear interview, with a lawyer present. Ask class "
            "counsel before the deadline."
        )
    return _("You may be a member of the parents' class (Ms. L.)."), _(
        "Ask class counsel what the settlement means for you."
    )


@public
@require_http_methods(["GET", "POST"])
def screener(request: HttpRequest) -> HttpResponse:
    lang = _language(request)
    with translation.override(lang):
        form = ScreenerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            verdict, why = _screen(form.cleaned_data)
            kept = False
            if form.cleaned_data["consent"]:
                contact = ScreenerContact.objects.create(
                    name=form.cleaned_data["contact_name"].strip()[:200],
                    contact=form.cleaned_data["contact"].strip()[:200],
                    answers={k: form.cleaned_data[k] for k in ("separated", "role", "negative")},
                    language=lang,
                )
                audit_record(
                    actor=None,
                    action="screener.contact",
                    object_type="screener_contact",
                    object_id=contact.pk,
                )
                kept = True
            return _page(
                request,
                "notices/public/screener.html",
                {"verdict": verdict, "why": why, "kept": kept},
            )
    return _page(
        request,
        "notices/public/screener.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@public
@require_http_methods(["GET", "POST"])
def objection(request: HttpRequest) -> HttpResponse:
    lang = _language(request)
    with translation.override(lang):
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_BODY + 1
            # A request without a length (chunked) is measured as read.
            if length > MAX_BODY or len(request.body) > MAX_BODY:
                return _page(
                    request,
                    "notices/public/problem.html",
                    {"problem": _("The objection is too long to send. Shorten it and try again.")},
                    status=413,
                )
            address = request.META.get("REMOTE_ADDR", "")
            if not submission_allowed(address):
                return _page(
                    request,
                    "notices/public/problem.html",
                    {
                        "problem": _(
                            "Too many objections were sent from here this hour. Please try "
                            "again later."
                        )
                    },
                    status=429,
                )
        form = ObjectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                saved = objection_submit(
                    data=ObjectionInput(
                        text=data["text"],
                        categories=data["categories"],
                        cases=data["cases"],
                        language=data["language"],
                        name=data["name"],
                        a_number=data["a_number"],
                        contact=data["contact"],
                    ),
                    honeypot=data["website"],
                )
            except ObjectionInputError as refused:
                field = refused.field if refused.field in form.fields else None
                form.add_error(field, str(refused))
            else:
                return _page(request, "notices/public/receipt.html", {"objection": saved})
    return _page(
        request,
        "notices/public/objection.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
