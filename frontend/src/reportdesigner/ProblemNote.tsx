/** The server's problems with one part of the report, in the UI language, under that part. */
import { ExclamationCircleOutlined } from "@ant-design/icons";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { problemText } from "./problems";

export default function ProblemNote({ at, testId }: { at: string | string[]; testId?: string }) {
  const { placed } = useDesigner();
  const { lang } = useLang();
  const found = (Array.isArray(at) ? at : [at]).flatMap((place) => placed.get(place) ?? []);
  if (!found.length) return null;
  return (
    <ul className="trd-problems" role="alert" data-testid={testId ?? `rd-problems-${String(at).replace(/\//g, "-")}`}>
      {found.map((p, i) => (
        <li key={i}><ExclamationCircleOutlined /> {problemText(p, lang)}</li>
      ))}
    </ul>
  );
}
