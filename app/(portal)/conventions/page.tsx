import { redirect } from "next/navigation";

export default function ConventionsIndex() {
  redirect("/conventions/non-retournees");
}
