package ancc.ir.program.text;

import ancc.ir.graph.text.TextSyntax;
import ancc.ir.graph.text.parse.AttrValue;
import ancc.ir.graph.text.parse.InitSyntax;
import ancc.ir.graph.text.parse.NumberText;
import ancc.ir.graph.text.parse.OpSyntax;
import ancc.ir.graph.text.parse.Pos;
import ancc.ir.graph.text.parse.TypeSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the program parse tree's numbers, types, ops and tensor initializers into the
 * grammar-neutral forms of {@link ancc.ir.graph.text.parse}, which check and build them.
 */
final class ProgramTrees {
  private ProgramTrees() {}

  static NumberText number(ProgramIrParser.NumberContext n) {
    return new NumberText(Pos.of(n.getStart()), n.getText(), n.INT() != null);
  }

  static OpSyntax op(ProgramIrParser.IdentContext name, ProgramIrParser.AttrDictContext dict) {
    List<OpSyntax.Attr> attrs = new ArrayList<>();
    if (dict != null) {
      for (ProgramIrParser.AttrContext a : dict.attr()) {
        attrs.add(new OpSyntax.Attr(Pos.of(a.getStart()), a.ident().getText(), attrValue(a.attrValue())));
      }
    }
    Pos dictPos = dict == null ? null : Pos.of(dict.getStart());
    return new OpSyntax(Pos.of(name.getStart()), name.getText(), dictPos, attrs);
  }

  private static AttrValue attrValue(ProgramIrParser.AttrValueContext v) {
    if (v instanceof ProgramIrParser.NumberValueContext n) {
      return new AttrValue.Num(number(n.number()));
    } else if (v instanceof ProgramIrParser.ListValueContext l) {
      return new AttrValue.Items(Pos.of(l.getStart()), l.attrValue().stream().map(ProgramTrees::attrValue).toList());
    }
    return new AttrValue.Word(Pos.of(v.getStart()), v.getText());
  }

  static TypeSyntax type(ProgramIrParser.TypeContext t) {
    List<TypeSyntax.DimText> dims = t.dim().stream().map(ProgramTrees::dim).toList();
    return new TypeSyntax(Pos.of(t.getStart()), t.ident().getText(), dims);
  }

  private static TypeSyntax.DimText dim(ProgramIrParser.DimContext d) {
    if (d.INT() != null) {
      return new TypeSyntax.Size(NumberText.ofInt(d.INT().getSymbol()));
    } else if (d.ident() != null) {
      return new TypeSyntax.Symbol(d.ident().getText());
    } else if (d.STRING() != null) {
      return new TypeSyntax.Symbol(TextSyntax.unquote(d.STRING().getText()));
    }
    return new TypeSyntax.Unknown();
  }

  static InitSyntax init(ProgramIrParser.InitContext init) {
    Pos pos = Pos.of(init.getStart());
    if (init instanceof ProgramIrParser.DenseInitContext d) {
      return new InitSyntax.Dense(pos, d.denseData().number().stream().map(ProgramTrees::number).toList());
    } else if (init instanceof ProgramIrParser.BlobInitContext b) {
      return new InitSyntax.Blob(pos, false, NumberText.ofInt(b.INT(0).getSymbol()),
          NumberText.ofInt(b.INT(1).getSymbol()));
    } else if (init instanceof ProgramIrParser.BlobU8InitContext b) {
      return new InitSyntax.Blob(pos, true, NumberText.ofInt(b.INT(0).getSymbol()),
          NumberText.ofInt(b.INT(1).getSymbol()));
    }
    return new InitSyntax.Elided(pos);
  }
}
