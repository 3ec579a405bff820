# bash completion for asyncpath.  Everything it offers comes from the
# program: `asyncpath complete -- WORD...` prints what may follow the words
# (commands, options, story and path ids), or ":file" / ":dir" when a name
# on disk is wanted, so new commands and new content need no change here.

_asyncpath()
{
	local cur words cword
	if declare -F _get_comp_words_by_ref > /dev/null; then
		_get_comp_words_by_ref -n =: cur words cword
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local IFS=$'\n' out
	out=$(command "${words[0]}" complete -- "${words[@]:1:cword}" \
	    2> /dev/null) || return 0
	# "--data=DIR": bash completes only what follows the '='
	local pre=
	if [[ $cur == --*=* ]]; then
		pre=${cur%%=*}=
		cur=${cur#*=}
	fi
	case $out in
	:file)
		compopt -o filenames 2> /dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	:dir)
		compopt -o filenames 2> /dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		;;
	*)
		COMPREPLY=($out)
		[[ -n $pre ]] && COMPREPLY=("${COMPREPLY[@]#"$pre"}")
		;;
	esac
	return 0
}
complete -F _asyncpath asyncpath
