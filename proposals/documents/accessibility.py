"""PDF/UA-1 on top of WeasyPrint's tagged PDF/A: what its tagging leaves for us to finish.

WeasyPrint (pdf_tags) builds the structure tree from the HTML. Three things a PDF/UA-1 document
needs it does not do, so they are done here with pikepdf on the written file:

- Running headers, footers and page numbers (CSS margin boxes) get marked-content ids whose
  structure elements hang nowhere in the tree. They are page furniture, so they become
  /Artifact /Pagination, and their dangling entries leave the parent tree.
- Link annotations get an alternate description (/Contents): the text of the link, not the
  name of its target.
- The XMP metadata declares pdfuaid:part 1, with the extension schema PDF/A asks for a property
  outside its own schemas.
"""

import io
import re
from html import unescape

import pikepdf

ARTIFACT = pikepdf.Name("/Artifact")
PAGINATION = pikepdf.Dictionary(Type=pikepdf.Name("/Pagination"))

# Declares PDF/UA-1 in the XMP, with the PDF/A extension schema for the pdfuaid namespace.
UA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""
LINK = re.compile(r'<a\s[^>]*href="#([^"]+)"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def link_labels(html):
    """The visible text of each in-document link of the HTML, by its target's name."""
    return {
        target: re.sub(r"\s+", " ", unescape(TAG.sub("", text))).strip()
        for target, text in LINK.findall(html)
    }


def make_accessible(pdf_bytes, html):
    """Return the PDF with the PDF/UA-1 finishing described above."""
    labels = link_labels(html)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tree = pdf.Root.StructTreeRoot
        reachable = reachable_elements(tree)
        parents = parent_tree(tree)
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            mcids = parents.get(int(key)) if key is not None else None
            if mcids is not None:
                orphans = {
                    index
                    for index, element in enumerate(mcids)
                    if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
                }
                if orphans:
                    mark_artifacts(pdf, page, orphans)
                    for index in orphans:
                        mcids[index] = None
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                target = str(annotation.get("/Dest", ""))
                label = labels.get(target) or str(annotation.get("/Contents", ""))
                if label:
                    annotation.Contents = pikepdf.String(label)
        declare_pdf_ua(pdf)
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue()


def reachable_elements(tree):
    """The object ids of every structure element that hangs in the tree."""
    seen = set()
    stack = [tree.get("/K")]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and item.get("/Type") != "/OBJR":
            if item.is_indirect:
                if item.objgen in seen:
                    continue
                seen.add(item.objgen)
            if "/K" in item:
                stack.append(item.K)
    return seen


def parent_tree(tree):
    """The parent tree's number tree as {key: value}; WeasyPrint writes it as one flat /Nums."""
    nums = tree.ParentTree.get("/Nums", pikepdf.Array())
    return {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}


def mark_artifacts(pdf, page, orphans):
    """Turn the marked content with the given ids into pagination artifacts."""
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if (
            str(operator) == "BDC"
            and len(operands) == 2
            and isinstance(operands[1], pikepdf.Dictionary)
            and int(operands[1].get("/MCID", -1)) in orphans
        ):
            instructions.append(([ARTIFACT, PAGINATION], operator))
        else:
            instructions.append((operands, operator))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def declare_pdf_ua(pdf):
    """Add pdfuaid:part 1 (and its extension schema) to the document's XMP metadata."""
    metadata = pdf.Root.Metadata
    xmp = metadata.read_bytes()
    if b"pdfuaid:part" in xmp:
        return
    end = xmp.rindex(b"</rdf:RDF>")
    metadata.write(xmp[:end] + UA_XMP + xmp[end:])
