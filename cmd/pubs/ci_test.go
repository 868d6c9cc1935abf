package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The shell steps of action.yml and of the workflow in docs/ci.md must run
// as written. This test reads both, replaces the ${{ ... }} expressions as
// GitHub would, and runs the steps with bash in a git repository made from
// refs/, for push and pull_request events.

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

type ghStep struct {
	Name             string            `yaml:"name"`
	Uses             string            `yaml:"uses"`
	If               string            `yaml:"if"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	With             map[string]string `yaml:"with"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

type workflowFile struct {
	Jobs map[string]struct {
		Steps []ghStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// ghContext is what the expressions of the two files may refer to.
type ghContext struct {
	event      string
	actionPath string
	inputs     map[string]string
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand replaces the expressions the files use; any other expression
// fails the test, so the files cannot drift from what is tested.
func (c ghContext) expand(t *testing.T, s string) string {
	t.Helper()
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		e := exprRE.FindStringSubmatch(m)[1]
		switch {
		case e == "github.action_path":
			return c.actionPath
		case strings.HasPrefix(e, "inputs."):
			v, ok := c.inputs[strings.TrimPrefix(e, "inputs.")]
			if !ok {
				t.Fatalf("unknown input in %s", m)
			}
			return v
		case strings.HasPrefix(e, "github.event_name == "):
			return fmt.Sprint(c.event == strings.Trim(strings.TrimPrefix(e, "github.event_name == "), `'`))
		}
		t.Fatalf("expression %s is not simulated by this test", m)
		return ""
	})
}

// runShell runs a step's script as GitHub runs a bash step.
func runShell(t *testing.T, dir, script string, env map[string]string, ctx ghContext, base []string) ([]byte, error) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", ctx.expand(t, script))
	cmd.Dir = dir
	cmd.Env = append([]string{}, base...)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+ctx.expand(t, v))
	}
	return cmd.CombinedOutput()
}

func TestCIWorkflow(t *testing.T) {
	for _, tool := range []string{"bash", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	readYAML(t, filepath.Join(root, "action.yml"), &action)
	md, err := os.ReadFile(filepath.Join(root, "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n(name: publications.*?)```").FindSubmatch(md)
	if block == nil {
		t.Fatal("docs/ci.md has no workflow (a ```yaml block starting with 'name: publications')")
	}
	var wf workflowFile
	if err := yaml.Unmarshal(block[1], &wf); err != nil {
		t.Fatalf("docs/ci.md workflow: %v", err)
	}
	steps := wf.Jobs["pubs"].Steps
	if len(steps) == 0 {
		t.Fatal("docs/ci.md workflow has no job 'pubs' with steps")
	}

	// A user's repository: refs/, pubs.toml and the folders, with a remote.
	tmp := t.TempDir()
	repo, remote := filepath.Join(tmp, "repo"), filepath.Join(tmp, "remote.git")
	for _, f := range []string{"pubs.toml", "refs/publications.bib", "refs/talks.bib"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(repo, f))
	}
	for _, d := range []string{"cv", "site"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// HOME is the temporary folder (no user git config), so Go's caches
	// are named explicitly: the build must not download anything.
	goenv, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatal(err)
	}
	gv := strings.Split(strings.TrimSpace(string(goenv)), "\n")
	base := append(os.Environ(), "GOMODCACHE="+gv[0], "GOCACHE="+gv[1], "GOPATH="+gv[2], "GOPROXY=off", "RUNNER_TEMP="+tmp, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+tmp)
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, base
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(tmp, "init", "-q", "--bare", "-b", "main", remote)
	git(repo, "init", "-q", "-b", "main")
	git(repo, "add", ".")
	git(repo, "commit", "-q", "-m", "library")
	git(repo, "remote", "add", "origin", remote)
	git(repo, "push", "-q", "-u", "origin", "main")

	// runWorkflow runs the job for an event and returns the output of the
	// step that failed, or "".
	runWorkflow := func(event string) (failed string) {
		t.Helper()
		wctx := ghContext{event: event}
		for _, s := range steps {
			switch {
			case s.Uses == "actions/checkout@v4":
				continue // the repository is already there
			case strings.HasPrefix(s.Uses, "pubs-dev/pubs@"):
				inputs := map[string]string{}
				for k, v := range action.Inputs {
					inputs[k] = v.Default
				}
				for k, v := range s.With {
					inputs[k] = wctx.expand(t, v)
				}
				actx := ghContext{event: event, actionPath: root, inputs: inputs}
				for _, as := range action.Runs.Steps {
					if as.Run == "" {
						continue // actions/setup-go: Go is here already
					}
					if as.Shell != "bash" {
						t.Fatalf("action step %q: shell %q, want bash", as.Name, as.Shell)
					}
					dir := repo
					if as.WorkingDirectory != "" {
						dir = filepath.Join(repo, actx.expand(t, as.WorkingDirectory))
					}
					if out, err := runShell(t, dir, as.Run, as.Env, actx, base); err != nil {
						return fmt.Sprintf("%s / %s: %v\n%s", s.Name, as.Name, err, out)
					}
				}
			case s.Run != "":
				if s.If != "" && wctx.expand(t, "${{ "+s.If+" }}") != "true" {
					continue
				}
				if out, err := runShell(t, repo, s.Run, s.Env, wctx, base); err != nil {
					return fmt.Sprintf("%s: %v\n%s", s.Name, err, out)
				}
			default:
				t.Fatalf("step %q: not simulated", s.Name)
			}
		}
		return ""
	}

	// A push writes both files and commits them; the remote has them.
	if f := runWorkflow("push"); f != "" {
		t.Fatalf("push: %s", f)
	}
	if got := git(remote, "log", "-1", "--format=%s", "main"); got != "Regenerate the publication lists" {
		t.Fatalf("last commit on the remote = %q", got)
	}
	tex := git(remote, "show", "main:cv/publications.tex")
	if !strings.Contains(tex, `\textbf{Lars Ruthotto}`) {
		t.Errorf("cv/publications.tex on the remote:\n%s", tex)
	}
	if !strings.Contains(git(remote, "show", "main:site/publications.html"), "<!DOCTYPE html>") {
		t.Error("site/publications.html is not a standalone page")
	}
	// Another push without changes commits nothing.
	head := git(repo, "rev-parse", "HEAD")
	if f := runWorkflow("push"); f != "" {
		t.Fatalf("second push: %s", f)
	}
	if git(repo, "rev-parse", "HEAD") != head {
		t.Error("a push with nothing to regenerate made a commit")
	}
	// A pull request with current files passes.
	if f := runWorkflow("pull_request"); f != "" {
		t.Fatalf("pull request, current files: %s", f)
	}
	// A pull request that changes a .bib but not the lists fails, and
	// writes nothing.
	bibPath := filepath.Join(repo, "refs", "publications.bib")
	b, err := os.ReadFile(bibPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bibPath, bytes.Replace(b, []byte("Fast {Hessian} computation"), []byte("Faster {Hessian} computation"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	f := runWorkflow("pull_request")
	if !strings.Contains(f, "cv/publications.tex: stale: 1 line to add, 1 line to remove") {
		t.Fatalf("pull request with a stale file: want a failed check, got %q", f)
	}
	if st := git(repo, "status", "--porcelain"); st != "M refs/publications.bib" {
		t.Errorf("the check changed files: %q", st)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
